"""Draw the app's icon and write it in the forms the three systems take:

    .venv/bin/python resources/icons/make_icons.py

panel-app.png (512 px: the window's icon, Linux), panel-app.ico (16-256 px: Windows'
executables) and panel-app.icns (16-1024 px: the macOS app). A blue tile, a white score
sheet with three ticked lines, and a gold star: an expert's scores for the WSIS Prizes.
Drawn with Pillow (reportlab's dependency, in every environment of the project); the
written files are committed, so a build needs nothing of this.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
SIZE = 1024
BLUE = (0, 94, 168, 255)
WHITE = (255, 255, 255, 255)
LINE = (150, 170, 190, 255)
GREEN = (40, 160, 90, 255)
GOLD = (250, 190, 30, 255)


def star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    import math

    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((40, 40, SIZE - 40, SIZE - 40), radius=190, fill=BLUE)
    pen.rounded_rectangle((230, 190, 730, 850), radius=40, fill=WHITE)  # the score sheet
    for row in range(3):
        y = 330 + row * 170
        pen.line([(290, y), (340, y + 50), (420, y - 40)], fill=GREEN, width=34, joint="curve")
        pen.rounded_rectangle((460, y - 8, 670, y + 22), radius=15, fill=LINE)
    pen.polygon(star(735, 735, 210, 90), fill=GOLD, outline=BLUE, width=18)
    return image


def main() -> None:
    image = draw()
    image.resize((512, 512), Image.Resampling.LANCZOS).save(HERE / "panel-app.png", optimize=True)
    image.save(
        HERE / "panel-app.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]
    )
    image.save(HERE / "panel-app.icns")


if __name__ == "__main__":
    main()
