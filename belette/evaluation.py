"""A labelled set of directory queries over data/sample/belette/, and the measures of ranking quality
(MRR@10, recall@5) that bench/belette_search.py prints and tests/belette check.

Each query lists the entries that answer it ("kind:id"); the case says what it exercises."""

# The floor every backend must hold on the sample (the embedded one, and a live Elasticsearch).
MRR_FLOOR = 0.9
RECALL_FLOOR = 0.85

LABELLED_QUERIES = [
    # exact and partial names, as typed
    ("Anne-Sophie Vanhoutte", {"agent:A500003"}, "name"),
    ("Jean-Marc de Saint-Aubin", {"agent:A500004"}, "name"),
    ("Gaëlle Le Bihan", {"agent:A500005"}, "name"),
    ("François D'Haene", {"agent:A500006"}, "name"),
    ("lefeb", {"agent:A500858", "agent:A501080", "agent:A501443", "agent:A501542", "agent:A501810"}, "partial"),
    ("vanhou", {"agent:A500003"}, "partial"),
    ("saint-aub", {"agent:A500004"}, "partial"),
    ("suzanne sauv", {"agent:A500008"}, "partial"),
    ("Direction des Lycées", {"unit:DLYC"}, "name"),
    ("Service Budget", {"unit:DFIN-BUDGET"}, "name"),
    ("Proch'Emploi", {"dispositif:PROCH-EMPLOI", "unit:DEMP-PROCH"}, "name"),
    ("Carte Pass Pass", {"dispositif:PASS-PASS"}, "name"),
    ("Programme d'intrapreneuriat", {"dispositif:INTRAPRENEUR"}, "name"),
    ("shareloc", {"dispositif:SHARELOC"}, "name"),
    ("mermoz", {"dispositif:MERMOZ"}, "name"),
    ("veloroutes", {"dispositif:VELOROUTE", "unit:DINF-ROUTE"}, "name"),
    # without accents or case
    (
        "region",
        {
            "dispositif:STAGE-REGION",
            "dispositif:REST-ETU",
            "dispositif:CONSEIL-JEUNES",
            "dispositif:FRSU",
            "dispositif:FORM-AGENTS",
        },
        "accents",
    ),
    ("remuneration des stagiaires", {"dispositif:REMU-STAG", "unit:DFP-REMU"}, "accents"),
    ("gaelle le bihan", {"agent:A500005"}, "accents"),
    ("ELISABETH GONZALEZ", {"agent:A500010", "agent:A500302"}, "accents"),
    ("peche", {"unit:DAGRI"}, "accents"),
    ("economie sociale et solidaire", {"unit:DDE-ESS"}, "accents"),
    ("hebergement touristique", {"dispositif:TOUR-HEB"}, "accents"),
    # typos
    ("aprentisage", {"unit:DAPP", "unit:PFE"}, "typo"),
    ("Vanhoute", {"agent:A500003"}, "typo"),
    ("Vanhouttte", {"agent:A500003"}, "typo"),
    ("biodiverstié", {"dispositif:BIODIV", "unit:DENV-BIODIV"}, "typo"),
    ("restauraton scolaire", {"dispositif:LYC-REST"}, "typo"),
    ("festivels", {"dispositif:CULT-FEST"}, "typo"),
    ("intraprenariat", {"dispositif:INTRAPRENEUR", "unit:DQP-INNO"}, "typo"),
    ("comunication", {"unit:DCOM"}, "typo"),
    ("Saint-Aubain", {"agent:A500004"}, "typo"),
    # acronyms and aliases
    ("FSE", {"dispositif:FSE", "unit:DEUR-FSE"}, "acronym"),
    ("CFA", {"dispositif:CFA-FIN", "unit:DAPP-CFA"}, "acronym"),
    ("TER", {"dispositif:TER-PLUS26", "dispositif:TER-MOINS26", "dispositif:ABO-ETU-TER", "unit:DTR-TER"}, "acronym"),
    ("FRSU", {"dispositif:FRSU"}, "acronym"),
    ("CROUS", {"dispositif:REPAS-CROUS"}, "acronym"),
    ("DSI", {"unit:DSI"}, "acronym"),
    ("CRJ", {"dispositif:CONSEIL-JEUNES"}, "acronym"),
    ("VAE vélo", {"dispositif:MOB-VELO"}, "alias"),
    ("demi-pension", {"dispositif:LYC-REST"}, "alias"),
    ("badge perdu", {"dispositif:BADGE"}, "alias"),
    ("commission permanente", {"dispositif:DELIB"}, "alias"),
    ("CNFPT", {"dispositif:FORM-AGENTS"}, "alias"),
    ("gîte", {"dispositif:TOUR-HEB"}, "alias"),
    # synonym sets
    (
        "train régional",
        {"dispositif:TER-PLUS26", "dispositif:TER-MOINS26", "dispositif:ABO-ETU-TER", "unit:DTR-TER"},
        "synonym",
    ),
    (
        "transport ferroviaire",
        {"unit:DTR-TER", "dispositif:TER-PLUS26", "dispositif:TER-MOINS26", "dispositif:ABO-ETU-TER"},
        "synonym",
    ),
    ("nounou", {"dispositif:GARDE-ENF"}, "synonym"),
    ("pension", {"dispositif:CGA-HEB", "dispositif:LYC-REST", "unit:DLYC-REST"}, "synonym"),
    ("études à l'étranger", {"dispositif:MERMOZ"}, "synonym"),
    ("fonds social européen", {"dispositif:FSE", "unit:DEUR-FSE"}, "synonym"),
    ("recyclage", {"unit:DENV-DECHETS"}, "synonym"),
    ("appel d'offres", {"unit:DACH"}, "synonym"),
    ("compte bloqué", {"dispositif:ASSISTANCE-INFO"}, "synonym"),
    ("théâtre", {"unit:DCULT-SPECT", "dispositif:CULT-FEST", "agent:A500004"}, "synonym"),
    # agents' topics
    ("journalistes", {"dispositif:PRESSE", "unit:DCOM-PRESSE"}, "topic"),
    ("piste cyclable", {"dispositif:VELOROUTE", "unit:DINF-ROUTE"}, "topic"),
    ("internat", {"agent:A500002", "unit:DLYC-REST", "dispositif:CGA-HEB", "dispositif:LYC-REST"}, "topic"),
    ("hotline", {"dispositif:ASSISTANCE-INFO"}, "topic"),
    ("monument historique", {"dispositif:PATRI"}, "topic"),
    # questions as people type them
    ("qui gère les cartes TER", {"dispositif:TER-PLUS26", "dispositif:TER-MOINS26"}, "question"),
    (
        "qui s'occupe des apprentis",
        {
            "unit:DAPP-AIDES",
            "dispositif:CGA-EQUIP",
            "dispositif:CGA-REST",
            "dispositif:CGA-TRANS",
            "dispositif:CGA-HEB",
            "dispositif:FSA",
        },
        "question",
    ),
    ("qui contacter pour la cantine du lycée", {"dispositif:LYC-REST", "unit:DLYC-REST"}, "question"),
    ("comment aider un festival", {"dispositif:CULT-FEST"}, "question"),
    ("à qui demander pour un vélo électrique", {"dispositif:MOB-VELO"}, "question"),
    ("j'ai perdu mon badge", {"dispositif:BADGE"}, "question"),
    # homonyms told apart by a word of their unit
    ("isabelle dupont transports", {"agent:A500001"}, "homonym"),
    ("isabelle dupont cantine", {"agent:A500002"}, "homonym"),
    ("élisabeth gonzalez sport", {"agent:A500302"}, "homonym"),
    ("nicolas millet audit", {"agent:A500026"}, "homonym"),
    ("nathalie mercier subventions", {"agent:A501733"}, "homonym"),
    ("jérôme bourdon biodiversité", {"agent:A500883", "agent:A501161"}, "homonym"),
]


def rank_of_first_relevant(results, relevant, depth=10):
    for position, row in enumerate(results[:depth], 1):
        if f"{row['kind']}:{row['id']}" in relevant:
            return position
    return None


def evaluate(backend, queries=LABELLED_QUERIES):
    """(MRR@10, recall@5, rows of (query, case, rank)) of a backend over the labelled set."""
    reciprocal, recall, rows = 0.0, 0.0, []
    for query, relevant, case in queries:
        results = backend.search(query, limit=10).results
        rank = rank_of_first_relevant(results, relevant)
        reciprocal += 1 / rank if rank else 0
        top5 = {f"{row['kind']}:{row['id']}" for row in results[:5]}
        recall += len(top5 & relevant) / min(len(relevant), 5)
        rows.append((query, case, rank))
    return reciprocal / len(queries), recall / len(queries), rows
