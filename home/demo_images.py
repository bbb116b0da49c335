"""Images for the demo, drawn here with Pillow (flat illustrations: coast, countryside, town, lycée, train,
studies), so that `make run` shows a portal with pictures and no file of unknown origin ships with it.

Each picture is a Wagtail image in the "Démonstration" collection, with a title and, where it is placed,
a text alternative. Idempotent: an image is drawn once (found again by its title), a page that already
has an image keeps it. Licence: made by the project, Licence Ouverte 2.0 (data/PROVENANCE.md)."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection

from .models import AidTheme, NewsPage, SectionPage

WIDTH, HEIGHT = 1600, 900
SKY = ((196, 224, 245), (236, 244, 250))
NIGHT_BLUE = (18, 53, 91)
TEAL = (10, 107, 97)
SAND = (233, 214, 168)
SUN = (246, 196, 83)
GREENS = ((122, 170, 96), (94, 148, 84), (70, 124, 74))
BRICK = (170, 84, 60)
GREY = (96, 104, 116)
WHITE = (255, 255, 255)

# title: (scene, text alternative)
PICTURES = {
    "Littoral de la Côte d'Opale (illustration)": ("coast", "Illustration : une plage, la mer et le soleil."),
    "Campagne et champs (illustration)": ("countryside", "Illustration : des champs vallonnés sous le soleil."),
    "Centre-ville (illustration)": ("town", "Illustration : les façades d'un centre-ville."),
    "Lycée (illustration)": ("school", "Illustration : la façade d'un lycée et des arbres."),
    "Train régional (illustration)": ("train", "Illustration : un train régional dans la campagne."),
    "Études et formation (illustration)": ("studies", "Illustration : des livres empilés et une lampe."),
}
THEME_SCENES = {
    "transport": "Train régional (illustration)",
    "international": "Littoral de la Côte d'Opale (illustration)",
    "formation": "Études et formation (illustration)",
    "equipement": "Lycée (illustration)",
    "restauration": "Lycée (illustration)",
    "emploi": "Centre-ville (illustration)",
    "logement": "Centre-ville (illustration)",
    "sante-social": "Campagne et champs (illustration)",
    "famille": "Campagne et champs (illustration)",
}
NEWS_TAG_SCENES = {
    "Transports": "Train régional (illustration)",
    "Lycées": "Lycée (illustration)",
    "Emploi": "Centre-ville (illustration)",
    "Jeunesse": "Études et formation (illustration)",
}


def sky(draw, horizon):
    top, bottom = SKY
    for y in range(horizon):
        t = y / max(horizon - 1, 1)
        draw.line([(0, y), (WIDTH, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))


def hills(draw, base, colours, rng):
    for index, colour in enumerate(colours):
        top = base + index * 90
        points = [(0, HEIGHT)]
        for x in range(0, WIDTH + 100, 100):
            points.append((x, top + rng.randint(-40, 40)))
        points.append((WIDTH, HEIGHT))
        draw.polygon(points, fill=colour)


def scene_coast(draw, rng):
    sky(draw, 520)
    draw.ellipse([1180, 120, 1340, 280], fill=SUN)
    draw.rectangle([0, 480, WIDTH, 640], fill=(52, 120, 170))
    for y in range(500, 640, 28):
        draw.line([(rng.randint(0, 400), y), (rng.randint(900, WIDTH), y)], fill=(120, 175, 210), width=4)
    draw.polygon([(0, 600), (500, 570), (1000, 610), (WIDTH, 580), (WIDTH, HEIGHT), (0, HEIGHT)], fill=SAND)
    draw.polygon([(0, 720), (300, 650), (700, 700), (0, HEIGHT)], fill=(214, 190, 140))


def scene_countryside(draw, rng):
    sky(draw, 600)
    draw.ellipse([220, 110, 380, 270], fill=SUN)
    hills(draw, 430, GREENS, rng)
    for x in range(0, WIDTH, 60):
        draw.line([(x, HEIGHT), (WIDTH // 2 + (x - WIDTH // 2) // 3, 640)], fill=(150, 190, 110), width=3)


def scene_town(draw, rng):
    sky(draw, HEIGHT)
    x = 0
    while x < WIDTH:
        width, height = rng.randint(140, 240), rng.randint(300, 620)
        colour = rng.choice([BRICK, (196, 120, 90), (230, 220, 200), (150, 160, 175)])
        draw.rectangle([x, HEIGHT - height, x + width, HEIGHT], fill=colour)
        draw.polygon(
            [(x, HEIGHT - height), (x + width // 2, HEIGHT - height - 70), (x + width, HEIGHT - height)], fill=GREY
        )
        for wy in range(HEIGHT - height + 40, HEIGHT - 80, 90):
            for wx in range(x + 25, x + width - 40, 60):
                draw.rectangle([wx, wy, wx + 30, wy + 48], fill=(250, 240, 210))
        x += width + rng.randint(4, 20)


def scene_school(draw, rng):
    sky(draw, 700)
    draw.rectangle([0, 700, WIDTH, HEIGHT], fill=GREENS[0])
    draw.rectangle([300, 300, 1300, 760], fill=(228, 214, 190))
    draw.rectangle([300, 270, 1300, 310], fill=NIGHT_BLUE)
    for row in range(3):
        for column in range(9):
            left = 350 + column * 105
            top = 340 + row * 120
            draw.rectangle([left, top, left + 60, top + 80], fill=(140, 185, 220))
    draw.rectangle([760, 640, 840, 760], fill=TEAL)
    for left in (80, 1380):
        draw.rectangle([left + 60, 560, left + 80, 760], fill=(110, 80, 50))
        draw.ellipse([left, 420, left + 140, 600], fill=GREENS[2])


def scene_train(draw, rng):
    scene_countryside(draw, rng)
    draw.rectangle([0, 700, WIDTH, 712], fill=GREY)
    for car in range(4):
        left = 180 + car * 330
        draw.rounded_rectangle([left, 540, left + 310, 700], radius=30, fill=(232, 236, 240))
        draw.rectangle([left, 600, left + 310, 622], fill=NIGHT_BLUE)
        for window in range(4):
            wl = left + 25 + window * 70
            draw.rectangle([wl, 560, wl + 50, 595], fill=(60, 90, 120))
        for wheel in (left + 50, left + 250):
            draw.ellipse([wheel - 18, 690, wheel + 18, 726], fill=(40, 40, 48))


def scene_studies(draw, rng):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=(236, 242, 248))
    draw.rectangle([0, 720, WIDTH, HEIGHT], fill=(150, 110, 80))
    colours = [NIGHT_BLUE, TEAL, BRICK, SUN, (120, 90, 160)]
    top = 720
    for index in range(6):
        height = rng.randint(50, 80)
        left = 420 + rng.randint(-40, 40)
        draw.rectangle([left, top - height, left + 620, top], fill=colours[index % len(colours)])
        draw.line([(left + 30, top - height // 2), (left + 590, top - height // 2)], fill=WHITE, width=3)
        top -= height
    draw.line([(1250, 720), (1250, 420)], fill=GREY, width=14)
    draw.polygon([(1160, 420), (1340, 420), (1300, 320), (1200, 320)], fill=SUN)


SCENES = {
    "coast": scene_coast,
    "countryside": scene_countryside,
    "town": scene_town,
    "school": scene_school,
    "train": scene_train,
    "studies": scene_studies,
}


def draw_picture(scene, seed):
    picture = PILImage.new("RGB", (WIDTH, HEIGHT))
    SCENES[scene](ImageDraw.Draw(picture), random.Random(seed))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    return buffer


def demo_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name="Démonstration").first()
    return existing or root.add_child(name="Démonstration")


def ensure_pictures():
    """{title: image} for every demo picture, drawn the first time."""
    Image = get_image_model()
    collection = demo_collection()
    images = {}
    for seed, (title, (scene, _alt)) in enumerate(PICTURES.items()):
        image = Image.objects.filter(title=title).first()
        if image is None:
            name = f"demo-{scene}.jpg"
            image = Image(title=title, collection=collection, file=ImageFile(draw_picture(scene, seed), name=name))
            image.save()
        images[title] = image
    return images


def attach_demo_images(home):
    """Place the pictures where a portal has them: home hero, sections, news, aid themes."""
    images = ensure_pictures()
    home = home.specific
    if not home.hero_image_id:
        home.hero_image = images["Littoral de la Côte d'Opale (illustration)"]
        home.save_revision().publish()
    for section in SectionPage.objects.child_of(home).filter(hero_image__isnull=True):
        section.hero_image = images["Campagne et champs (illustration)"]
        section.save_revision().publish()
    for item in NewsPage.objects.descendant_of(home).filter(image__isnull=True).prefetch_related("tags"):
        title = next(
            (NEWS_TAG_SCENES[tag.name] for tag in item.tags.all() if tag.name in NEWS_TAG_SCENES),
            "Centre-ville (illustration)",
        )
        item.image = images[title]
        item.image_alt = PICTURES[title][1]
        item.save_revision().publish()
    for theme in AidTheme.objects.filter(image__isnull=True):
        title = THEME_SCENES.get(theme.slug)
        if title:
            theme.image = images[title]
            theme.save(update_fields=["image"])
    return images
