"""A small directory that exercises every search case, built with factory_boy, and the role clients."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from .factories import AgentFactory, DispositifFactory, SynonymSetFactory, UnitFactory

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "data" / "sample" / "belette"


@pytest.fixture
def directory(db):
    """Région → two pôles → services, agents (homonyms, an inactive one with a backup), dispositifs."""
    dgs = UnitFactory(code="DGS", name="Direction générale des services", acronym="DGS", kind="dgs", parent=None)
    pmt = UnitFactory(code="PMT", name="Pôle Mobilité et Transports", acronym="PMT", kind="pole", parent=dgs)
    ple = UnitFactory(code="PLE", name="Pôle Lycées et Éducation", acronym="PLE", kind="pole", parent=dgs)
    ter = UnitFactory(code="DTR-TER", name="Service TER et offre ferroviaire", parent=pmt, site="Lille – Siège")
    rest = UnitFactory(code="DLYC-REST", name="Service Restauration et hébergement", parent=ple, site="Amiens")
    apprentissage = UnitFactory(code="DAPP", name="Direction de l'Apprentissage", acronym="DAPP", kind="direction",
                                parent=dgs, site="Arras")
    fse = UnitFactory(code="DEUR-FSE", name="Service FSE+", parent=dgs)
    agents = {
        "dupont_ter": AgentFactory(hr_id="A1", first_name="Isabelle", last_name="Dupont", unit=ter,
                                   topics=["TER", "tarifs"]),
        "dupont_rest": AgentFactory(hr_id="A2", first_name="Isabelle", last_name="Dupont", unit=rest,
                                    topics=["cantine", "internat"], site="Amiens"),
        "lefebvre": AgentFactory(hr_id="A3", first_name="Charles", last_name="Lefebvre", unit=apprentissage,
                                 site="Arras", topics=["apprentis"]),
        "vandenbussche": AgentFactory(hr_id="A4", first_name="Régis", last_name="Vandenbussche", unit=fse,
                                      topics=["fonds européens"]),
        "backup": AgentFactory(hr_id="A5", first_name="Lucie", last_name="Remplaçante", unit=ter,
                               phone="03 00 00 00 05"),
    }
    agents["gone"] = AgentFactory(hr_id="A6", first_name="Marc", last_name="Parti", unit=ter, active=False,
                                  backup=agents["backup"], topics=["abonnements"])
    dispositifs = {
        "ter": DispositifFactory(code="TER-PLUS26", name="Carte TER Hauts-de-France +26 ans",
                                 aliases=["carte TER adulte"], summary="Réduction sur les trains régionaux.",
                                 unit=ter, contacts=[agents["dupont_ter"], agents["gone"]]),
        "cantine": DispositifFactory(code="LYC-REST", name="Restauration scolaire dans les lycées",
                                     aliases=["cantine", "demi-pension"], unit=rest, contacts=[agents["dupont_rest"]]),
        "fse": DispositifFactory(code="FSE", name="Fonds social européen plus", aliases=["FSE", "FSE+"], unit=fse),
        "cfa": DispositifFactory(code="CFA-FIN", name="Financement des CFA",
                                 aliases=["centre de formation d'apprentis", "CFA"], unit=apprentissage),
        "stage": DispositifFactory(code="STAGE-REGION", name="Stages à la Région", unit=dgs),
    }
    SynonymSetFactory(terms=["TER", "train régional", "transport ferroviaire", "train"])
    SynonymSetFactory(terms=["crèche", "garde d'enfants", "nounou"])
    SynonymSetFactory(terms=["internat", "pension"])
    units = {"dgs": dgs, "pmt": pmt, "ple": ple, "ter": ter, "rest": rest, "apprentissage": apprentissage, "fse": fse}
    return {"units": units, "agents": agents, "dispositifs": dispositifs}


@pytest.fixture
def staff_user(demo_accounts):
    from belette.demo import ensure_permissions

    ensure_permissions()
    return demo_accounts["agent"]


@pytest.fixture
def referent_user(staff_user, django_user_model):
    from belette.demo import REFERENTS

    user = django_user_model.objects.create_user("referent", "referent@hautsdefrance.fr", "x", first_name="Rémi",
                                                 last_name="Référent")
    user.groups.add(Group.objects.get(name=REFERENTS))
    return user


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def referent_client(client, referent_user):
    client.force_login(referent_user)
    return client
