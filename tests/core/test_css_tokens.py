"""Colours come from the design tokens: the custom properties of site/static/css/maregion.css (checked there
for AA contrast) are the only place in our CSS with a raw colour; every other rule, in that file and in each
app's CSS, says var(--…), and names a token that exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOKEN_FILE = ROOT / "site" / "static" / "css" / "maregion.css"
APPS = ("core", "home", "programme", "shareloc", "belette", "search", "site")

# CSS Color Module 4 named colours (transparent and currentColor are not colours of their own).
NAMED_COLOURS = """aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown
burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod
darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue
firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew
hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray
lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue mediumorchid
mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream
mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid palegoldenrod palegreen
paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple rebeccapurple red rosybrown royalblue
saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen
steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen""".split()
RAW_COLOUR = re.compile(
    r"#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\s*\("
    r"|(?<![\w-])(?:" + "|".join(NAMED_COLOURS) + r")(?![\w-])",
    re.IGNORECASE,
)
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
BLOCK = re.compile(r"\{([^{}]*)\}")  # the innermost braces: a rule's declarations, also inside @media
VAR = re.compile(r"var\(\s*(--[\w-]+)")


def our_css_files():
    files = []
    for app in APPS:
        files += [path for path in (ROOT / app / "static").rglob("*.css") if "vendor" not in path.parts]
    return sorted(files)


def declarations(path):
    """(property, value) of every declaration of the file, comments left out."""
    css = COMMENT.sub("", path.read_text(encoding="utf-8"))
    for block in BLOCK.findall(css):
        for declaration in block.split(";"):
            name, colon, value = declaration.partition(":")
            if colon:
                yield name.strip(), value.strip()


def tokens():
    return {name for name, _value in declarations(TOKEN_FILE) if name.startswith("--")}


def shown(path):
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name


def raw_colours(path):
    found = []
    for name, value in declarations(path):
        if path == TOKEN_FILE and name.startswith("--"):
            continue  # a token's definition: the one place for a raw colour
        found += [f"{shown(path)}: {name}: {value}" for _match in RAW_COLOUR.finditer(value)]
    return found


def test_our_css_files_are_all_found():
    names = {path.relative_to(ROOT).as_posix() for path in our_css_files()}
    assert {
        "site/static/css/maregion.css",
        "home/static/home/portal.css",
        "shareloc/static/shareloc/shareloc.css",
    } <= names
    assert {"belette/static/belette/belette.css", "search/static/search/search.css"} <= names
    assert "programme/static/programme/programme.css" in names


def test_no_raw_colour_outside_the_design_tokens():
    found = [line for path in our_css_files() for line in raw_colours(path)]
    assert found == []


def test_every_colour_variable_used_is_a_token():
    defined = tokens()
    unknown = [
        f"{shown(path)}: {name}"
        for path in our_css_files()
        for _property, value in declarations(path)
        for name in VAR.findall(value)
        if name not in defined
    ]
    assert unknown == []


def test_the_check_sees_a_raw_colour_written_any_way(tmp_path):
    sample = tmp_path / "app.css"
    sample.write_text(
        "/* #123456 in a comment is fine */\n"
        ".a { color: #fff; } .b { background: rgba(0, 0, 0, .2); } .c { border: 1px solid White; }\n"
        "@media print { .d { outline-color: hsl(0 0% 0%); } }\n"
        ".e { white-space: nowrap; color: var(--c-ink); border-color: transparent; }\n",
        encoding="utf-8",
    )
    assert [line.split(": ", 1)[1] for line in raw_colours(sample)] == [
        "color: #fff",
        "background: rgba(0, 0, 0, .2)",
        "border: 1px solid White",
        "outline-color: hsl(0 0% 0%)",
    ]
