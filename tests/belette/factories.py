import factory

from belette.models import Agent, Dispositif, SynonymSet, Unit


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
