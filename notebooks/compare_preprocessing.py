"""Checks that mnist_preprocess.py gives the Java program's 28x28 input, within 1/255 on every pixel.

Draws a set of test images with Pillow (seeded): digits as pen strokes on white, grey, tinted and dark paper,
blue ink, a light gradient, ruled and squared paper, noise, transparency, 16-bit grey, a blocky enlargement, a
JPEG; runs `bin/digits prepare` on them and `prepare()` here, and prints the largest difference per image.
Exit status 1 when any image differs by more than 1/255 or is read by one side only.

    bash notebooks/compare_preprocessing.sh
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mnist_preprocess import NoDigit, prepare  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOLERANCE = 1 / 255

STROKES = {  # each digit as polylines in a unit box
    "0": [[(0.5, 0.05), (0.15, 0.3), (0.15, 0.7), (0.5, 0.95), (0.85, 0.7), (0.85, 0.3), (0.5, 0.05)]],
    "1": [[(0.35, 0.2), (0.55, 0.05), (0.55, 0.95)]],
    "2": [[(0.15, 0.25), (0.5, 0.05), (0.85, 0.25), (0.15, 0.95), (0.9, 0.95)]],
    "3": [[(0.15, 0.1), (0.8, 0.1), (0.45, 0.45), (0.85, 0.7), (0.5, 0.95), (0.15, 0.85)]],
    "4": [[(0.7, 0.95), (0.7, 0.05), (0.1, 0.65), (0.9, 0.65)]],
    "5": [[(0.85, 0.05), (0.2, 0.05), (0.15, 0.45), (0.75, 0.5), (0.8, 0.85), (0.15, 0.95)]],
    "6": [[(0.75, 0.05), (0.2, 0.5), (0.25, 0.9), (0.7, 0.9), (0.75, 0.6), (0.2, 0.55)]],
    "7": [[(0.1, 0.05), (0.9, 0.05), (0.4, 0.95)]],
    "8": [[(0.5, 0.5), (0.2, 0.25), (0.5, 0.05), (0.8, 0.25), (0.2, 0.75), (0.5, 0.95), (0.8, 0.75), (0.5, 0.5)]],
    "9": [[(0.8, 0.45), (0.3, 0.5), (0.25, 0.15), (0.75, 0.1), (0.8, 0.45), (0.7, 0.95)]],
}


def draw(digit, size, paper, ink, width, mode="RGB", rng=None, gradient=False, lines=None, noise=0.0, blur=0):
    image = Image.new("RGB", (size, size), paper)
    if gradient:
        g = np.linspace(1.0, 0.55, size)[None, :, None]
        image = Image.fromarray((np.asarray(image) * g).astype(np.uint8))
    d = ImageDraw.Draw(image)
    if lines:
        for k in range(1, size // lines + 1):
            d.line([(0, k * lines), (size, k * lines)], fill=(120, 140, 200), width=1)
            if lines and mode == "squared":
                d.line([(k * lines, 0), (k * lines, size)], fill=(120, 140, 200), width=1)
    m = size * 0.2
    for stroke in STROKES[digit]:
        pts = [(m + x * (size - 2 * m) * 0.7 + size * 0.1, m + y * (size - 2 * m)) for x, y in stroke]
        d.line(pts, fill=ink, width=width, joint="curve")
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        a = np.asarray(image).astype(np.float64) + rng.normal(0, noise, (size, size, 3))
        image = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    return image


def images(folder):
    rng = np.random.default_rng(2026)
    made = []

    def save(name, image, **kw):
        path = os.path.join(folder, name)
        image.save(path, **kw)
        made.append(path)

    for digit in "0123456789":
        save(f"white-{digit}.png", draw(digit, 120, (255, 255, 255), (0, 0, 0), 9))
    save("grey-L-3.png", draw("3", 90, (230, 230, 230), (40, 40, 40), 7).convert("L"))
    save("cream-blue-4.png", draw("4", 160, (245, 238, 200), (20, 40, 170), 10))
    save("gradient-5.png", draw("5", 140, (250, 250, 245), (30, 30, 30), 8, gradient=True))
    save("ruled-6.png", draw("6", 150, (250, 250, 250), (10, 10, 60), 8, lines=30))
    save("squared-7.png", draw("7", 150, (250, 250, 250), (10, 10, 60), 8, mode="squared", lines=30))
    save("noisy-8.png", draw("8", 130, (235, 235, 230), (25, 25, 25), 9, rng=rng, noise=12))
    save("chalk-9.png", draw("9", 120, (30, 60, 40), (240, 240, 240), 9))
    save("blurred-2.png", draw("2", 110, (255, 255, 255), (0, 0, 0), 6, blur=2))
    save("photo-1.jpg", draw("1", 140, (240, 235, 220), (30, 30, 80), 9, rng=rng, noise=6), quality=85)
    rgba = draw("0", 100, (255, 255, 255), (0, 0, 0), 8).convert("L")
    transparent = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    transparent.putalpha(Image.eval(rgba, lambda v: 255 - v))
    save("transparent-0.png", transparent)
    deep = np.asarray(draw("5", 80, (255, 255, 255), (0, 0, 0), 7).convert("L")).astype(np.uint16) * 257
    save("grey16-5.png", Image.fromarray(deep, mode="I;16"))
    small = draw("7", 16, (255, 255, 255), (0, 0, 0), 2).convert("L")
    save("blocky-7.png", small.resize((96, 96), Image.NEAREST))
    return made


def main():
    with tempfile.TemporaryDirectory() as folder:
        paths = images(folder)
        out = os.path.join(folder, "java")
        launcher = os.path.join(ROOT, "bin", "digits")
        done = subprocess.run([launcher, "prepare", "--output", out] + paths, capture_output=True, text=True)
        java_read = {line.split("\t")[0] for line in done.stdout.splitlines() if "\t" in line}
        worst, failures = 0.0, 0
        for path in paths:
            name = os.path.basename(path)
            try:
                mine = prepare(path)
            except NoDigit:
                mine = None
            if mine is None or path not in java_read:
                print(f"{name:22s} read by {'neither' if mine is None and path not in java_read else 'one side only'}")
                failures += mine is not None or path in java_read
                continue
            theirs = np.loadtxt(os.path.join(out, os.path.splitext(name)[0] + ".csv"), delimiter=",")
            diff = float(np.abs(mine - theirs).max())
            worst = max(worst, diff)
            failures += diff > TOLERANCE
            print(f"{name:22s} largest difference {diff:.2e} ({diff * 255:.4f} / 255)")
        print(f"{len(paths)} images: largest difference {worst:.2e} ({worst * 255:.4f} / 255), "
              f"tolerance 1/255: {'all within' if failures == 0 else f'{failures} outside'}")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
