"""Texts of the demo aid catalogue, written for the portal.

Names, amounts and links come from data/aides_region_hdf.csv (facts); the summaries, themes and
responsible units below are ours. `unit` is a code of La Belette's organisation chart."""

THEMES = {
    "transport": "Transport et mobilité",
    "restauration": "Restauration",
    "international": "Mobilité internationale",
    "formation": "Formation et études",
    "sante-social": "Santé et social",
    "equipement": "Équipement",
    "emploi": "Emploi",
    "logement": "Logement",
    "famille": "Famille et solidarité",
}

AIDS = {
    "Aide au transport aux particuliers - salariés et apprentis": dict(
        themes=["transport", "emploi"],
        unit="DTR-TARIF",
        summary="Une participation mensuelle aux frais de trajet des salariés et des apprentis qui prennent "
        "leur voiture pour aller travailler, faute de transport en commun adapté.",
        eligibility="Habiter les Hauts-de-France, faire au moins 20 km pour aller au travail avec son véhicule "
        "personnel et ne pas dépasser le plafond de revenus fixé par le règlement.",
    ),
    "Aide régionale à la restauration des étudiants boursiers": dict(
        themes=["restauration", "formation"],
        unit="DRI-ESR",
        summary="La Région prend en charge une partie du prix des repas des étudiants boursiers, pour "
        "qu'aucun ne renonce à un repas équilibré.",
        eligibility="Être étudiant boursier sur critères sociaux dans un établissement de la Région.",
    ),
    (
        "Aide à la restauration des étudiants et étudiantes ayants droit à une bourse en filière sanitaire et sociale"
    ): dict(
        themes=["restauration", "sante-social"],
        unit="DSAN-INST",
        summary="Une aide aux repas pour les élèves des instituts de formation sanitaire et sociale qui ont "
        "droit à une bourse régionale.",
        eligibility="Être inscrit dans un institut de formation sanitaire ou sociale agréé par la Région et "
        "avoir droit à la bourse d'études sanitaires et sociales.",
    ),
    "Bourse de mobilité internationale MERMOZ": dict(
        themes=["international", "formation"],
        unit="DRI-ESR",
        summary="Une bourse mensuelle pour partir étudier ou faire un stage à l'étranger pendant son cursus, "
        "en apprentissage ou dans l'enseignement supérieur.",
        eligibility="Être inscrit dans un établissement des Hauts-de-France et effectuer une période d'études "
        "ou de stage à l'étranger reconnue dans le diplôme.",
    ),
    "Bourse d’Études Sanitaires et Sociales": dict(
        themes=["sante-social", "formation"],
        unit="DSAN-INST",
        summary="Une bourse, calculée selon les ressources, pour suivre une formation paramédicale ou sociale "
        "(infirmier, aide-soignant, éducateur…) dans un institut de la Région.",
        eligibility="Suivre une formation sanitaire ou sociale agréée et remplir les conditions de ressources.",
    ),
    "Carte Génération - Apprentis : aide à l'équipement": dict(
        themes=["equipement", "formation"],
        unit="DAPP-AIDES",
        summary="Une aide au premier équipement professionnel (tenue, outillage) pour bien démarrer son apprentissage.",
        eligibility="Être apprenti en première année dans un CFA des Hauts-de-France.",
    ),
    "Carte Génération - Apprentis : aide à la restauration": dict(
        themes=["restauration"],
        unit="DAPP-AIDES",
        summary="Une aide annuelle pour les repas pris pendant les périodes de formation au CFA.",
        eligibility="Être apprenti dans un CFA des Hauts-de-France.",
    ),
    "Carte Génération - Apprentis : aide au transport": dict(
        themes=["transport"],
        unit="DAPP-AIDES",
        summary="Une aide annuelle aux trajets entre le domicile, l'entreprise et le CFA.",
        eligibility="Être apprenti dans un CFA des Hauts-de-France.",
    ),
    "Carte Génération - Apprentis : aide à l'hébergement": dict(
        themes=["logement"],
        unit="DAPP-AIDES",
        summary="Une aide annuelle pour se loger pendant les semaines de cours au CFA lorsqu'il est loin de chez soi.",
        eligibility="Être apprenti et être hébergé pour suivre les cours du CFA.",
    ),
    "Carte Génération Lycéens": dict(
        themes=["equipement", "formation"],
        unit="DEDU",
        summary="Une aide pour acheter les manuels scolaires et le premier équipement des lycéens en voie "
        "professionnelle ou technologique.",
        eligibility="Être lycéen dans un établissement des Hauts-de-France.",
    ),
    "En route pour l'emploi (Parc auto à 1 € par jour)": dict(
        themes=["transport", "emploi"],
        unit="DEMP-ACC",
        summary="Une voiture louée 1 € par jour pour reprendre un emploi ou une formation quand on n'a pas "
        "de moyen de se déplacer.",
        eligibility="Avoir décroché un emploi, une formation ou un stage et ne pas disposer de véhicule.",
    ),
    "Fonds régional d'aide d'urgence pour les étudiants et étudiantes du secteur sanitaire et social": dict(
        themes=["sante-social", "famille"],
        unit="DSAN-INST",
        summary="Un secours ponctuel pour les élèves des formations sanitaires et sociales qui traversent une "
        "difficulté financière soudaine.",
        eligibility="Être en formation sanitaire ou sociale dans la Région et faire face à une difficulté "
        "imprévue, examinée par une commission.",
    ),
    "Financement des formations sanitaires et sociales de niveau 3 et 4": dict(
        themes=["sante-social", "formation"],
        unit="DSAN",
        summary="La Région paie les frais de formation d'aide-soignant, d'auxiliaire de puériculture ou "
        "d'accompagnant éducatif et social pour les demandeurs d'emploi et les étudiants.",
        eligibility="Être admis dans une formation sanitaire ou sociale de niveau 3 ou 4 agréée par la Région.",
    ),
    "Rémunération, indemnités de transport et protection sociale des stagiaires de la formation professionnelle": dict(
        themes=["formation", "emploi"],
        unit="DFP-REMU",
        summary="Pendant une formation financée par la Région, les demandeurs d'emploi non indemnisés "
        "perçoivent une rémunération et bénéficient d'une protection sociale.",
        eligibility="Suivre une formation professionnelle financée par la Région sans percevoir d'allocation chômage.",
    ),
    "Carte TER Hauts-de-France +26 ans": dict(
        themes=["transport"],
        unit="DTR-TER",
        summary="Une carte annuelle qui donne des réductions sur les trajets en TER dans les Hauts-de-France "
        "pour les voyageurs de 26 ans et plus.",
        eligibility="Avoir 26 ans ou plus.",
    ),
    "Mon Abo Etudiant et Apprenti TER": dict(
        themes=["transport", "formation"],
        unit="DTR-TER",
        summary="Un abonnement TER à prix réduit pour les trajets réguliers des étudiants, apprentis et stagiaires.",
        eligibility="Être étudiant, apprenti ou stagiaire et voyager régulièrement en TER dans la Région.",
    ),
    "Aide au Transport aux Particuliers - étudiants et étudiantes": dict(
        themes=["transport", "formation"],
        unit="DRI-ESR",
        closes_on="2024-08-31",
        summary="Une participation mensuelle aux frais de trajet des étudiants qui prennent leur voiture pour "
        "rejoindre leur établissement (campagne de l'année universitaire 2023-2024).",
        eligibility="Être étudiant, habiter la Région et parcourir au moins 20 km en voiture pour aller en cours.",
    ),
    "Aide complémentaire à la scolarité des lycéens et lycéennes": dict(
        themes=["formation", "famille"],
        unit="DEDU",
        summary="Un coup de pouce pour les frais de scolarité des lycéens dont la famille a de faibles revenus.",
        eligibility="Être lycéen dans la Région et remplir les conditions de ressources familiales.",
    ),
    "Carte TER Hauts-de-France -26 ans": dict(
        themes=["transport"],
        unit="DTR-TER",
        summary="Une carte qui donne de fortes réductions sur les trajets en TER dans les Hauts-de-France aux "
        "jeunes de moins de 26 ans.",
        eligibility="Avoir moins de 26 ans.",
    ),
    "Fonds Régional Social d’Urgence (FRSU)": dict(
        themes=["famille"],
        unit="DRI-ESR",
        summary="Une aide d'urgence pour les étudiants en grande difficulté financière, attribuée après "
        "l'avis d'une assistante sociale.",
        eligibility="Être étudiant dans la Région et rencontrer une difficulté financière grave et soudaine.",
    ),
    "Fonds de solidarité des apprentis et apprenties (FSA)": dict(
        themes=["famille"],
        unit="DAPP-AIDES",
        summary="Une aide exceptionnelle pour les apprentis qui rencontrent un problème financier pouvant "
        "compromettre leur formation.",
        eligibility="Être apprenti dans un CFA des Hauts-de-France et présenter une demande avec le CFA.",
    ),
    "Accompagnement Validation des Acquis de l'Expérience (VAE)": dict(
        themes=["formation", "emploi"],
        unit="DFP",
        summary="La Région finance l'accompagnement pour obtenir un diplôme grâce à son expérience "
        "professionnelle ou bénévole.",
        eligibility="Être demandeur d'emploi ou salarié et avoir une demande de VAE déclarée recevable.",
    ),
    "100 repas gratuits en restos'U pour les étudiants boursiers échelon 3 à 7": dict(
        themes=["restauration", "famille"],
        unit="DRI-ESR",
        summary="Cent repas offerts dans les restaurants universitaires du Crous aux étudiants boursiers des "
        "échelons 3 à 7.",
        eligibility="Être étudiant boursier des échelons 3 à 7 dans un établissement de la Région.",
    ),
    "Aide à la garde d'enfants": dict(
        themes=["famille", "emploi"],
        unit="DEMP",
        summary="Une aide mensuelle aux frais de garde des jeunes enfants pour les parents qui travaillent "
        "avec des horaires décalés ou reprennent un emploi.",
        eligibility="Habiter la Région, faire garder un enfant de moins de 3 ans et respecter le plafond de revenus.",
    ),
    "Aide pour le permis de conduire": dict(
        themes=["transport", "emploi"],
        unit="DEMP-ACC",
        summary="Une aide pour financer le permis B quand il conditionne l'accès à un emploi ou à une formation.",
        eligibility="Avoir un projet d'insertion professionnelle qui nécessite le permis de conduire.",
    ),
}

HOW_TO_APPLY = (
    "<p>La demande se fait en ligne, sur le service indiqué ci-dessous. Préparez une pièce "
    "d'identité, un justificatif de domicile et, selon l'aide, un justificatif de situation "
    "(contrat, certificat de scolarité, avis d'imposition).</p>"
)
