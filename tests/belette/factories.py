import factory

from belette.models import Agent, Dispositif, Unit
from core.models import SynonymSet


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"U{n:03d}")
    name = factory.Sequence(lambda n: f"Service {n}")
    kind = Unit.Kind.SERVICE
    email = factory.LazyAttribute(lambda unit: f"{unit.code.lower()}@hautsdefrance.fr")
    phone = "03 74 27 00 00"
    site = "Lille – Siège"


class AgentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agent

    hr_id = factory.Sequence(lambda n: f"T{n:06d}")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Agent{n}")
    title = "Chargée de mission"
    unit = factory.SubFactory(UnitFactory)
    email = factory.LazyAttribute(lambda agent: f"{agent.hr_id.lower()}@hautsdefrance.fr")
    phone = "03 74 27 11 11"
    site = "Lille – Siège"


class DispositifFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dispositif
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"D{n:03d}")
    name = factory.Sequence(lambda n: f"Dispositif {n}")
    unit = factory.SubFactory(UnitFactory)

    @factory.post_generation
    def contacts(self, create, extracted, **kwargs):
        if create and extracted:
            self.contacts.set(extracted)


class SynonymSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SynonymSet


def build_directory():
    """Région → two pôles → services, agents (homonyms, an inactive one with a backup), dispositifs."""
    dgs = UnitFactory(code="DGS", name="Direction générale des services", acronym="DGS", kind="dgs", parent=None)
    pmt = UnitFactory(code="PMT", name="Pôle Mobilité et Transports", acronym="PMT", kind="pole", parent=dgs)
    ple = UnitFactory(code="PLE", name="Pôle Lycées et Éducation", acronym="PLE", kind="pole", parent=dgs)
    ter = UnitFactory(code="DTR-TER", name="Service TER et offre ferroviaire", parent=pmt, site="Lille – Siège")
    rest = UnitFactory(code="DLYC-REST", name="Service Restauration et hébergement", parent=ple, site="Amiens")
    apprentissage = UnitFactory(
        code="DAPP", name="Direction de l'Apprentissage", acronym="DAPP", kind="direction", parent=dgs, site="Arras"
    )
    fse = UnitFactory(code="DEUR-FSE", name="Service FSE+", parent=dgs)
    agents = {
        "dupont_ter": AgentFactory(
            hr_id="A1", first_name="Isabelle", last_name="Dupont", unit=ter, topics=["TER", "tarifs"]
        ),
        "dupont_rest": AgentFactory(
            hr_id="A2",
            first_name="Isabelle",
            last_name="Dupont",
            unit=rest,
            topics=["cantine", "internat"],
            site="Amiens",
        ),
        "lefebvre": AgentFactory(
            hr_id="A3",
            first_name="Charles",
            last_name="Lefebvre",
            unit=apprentissage,
            site="Arras",
            topics=["apprentis"],
        ),
        "vandenbussche": AgentFactory(
            hr_id="A4", first_name="Régis", last_name="Vandenbussche", unit=fse, topics=["fonds européens"]
        ),
        "backup": AgentFactory(
            hr_id="A5", first_name="Lucie", last_name="Remplaçante", unit=ter, phone="03 00 00 00 05"
        ),
    }
    agents["gone"] = AgentFactory(
        hr_id="A6",
        first_name="Marc",
        last_name="Parti",
        unit=ter,
        active=False,
        backup=agents["backup"],
        topics=["abonnements"],
    )
    dispositifs = {
        "ter": DispositifFactory(
            code="TER-PLUS26",
            name="Carte TER Hauts-de-France +26 ans",
            aliases=["carte TER adulte"],
            summary="Réduction sur les trains régionaux.",
            unit=ter,
            contacts=[agents["dupont_ter"], agents["gone"]],
        ),
        "cantine": DispositifFactory(
            code="LYC-REST",
            name="Restauration scolaire dans les lycées",
            aliases=["cantine", "demi-pension"],
            unit=rest,
            contacts=[agents["dupont_rest"]],
        ),
        "fse": DispositifFactory(code="FSE", name="Fonds social européen plus", aliases=["FSE", "FSE+"], unit=fse),
        "cfa": DispositifFactory(
            code="CFA-FIN",
            name="Financement des CFA",
            aliases=["centre de formation d'apprentis", "CFA"],
            unit=apprentissage,
        ),
        "stage": DispositifFactory(code="STAGE-REGION", name="Stages à la Région", unit=dgs),
    }
    SynonymSetFactory(terms=["TER", "train régional", "transport ferroviaire", "train"])
    SynonymSetFactory(terms=["crèche", "garde d'enfants", "nounou"])
    SynonymSetFactory(terms=["internat", "pension"])
    units = {"dgs": dgs, "pmt": pmt, "ple": ple, "ter": ter, "rest": rest, "apprentissage": apprentissage, "fse": fse}
    return {"units": units, "agents": agents, "dispositifs": dispositifs}
