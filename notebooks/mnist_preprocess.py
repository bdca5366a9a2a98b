"""The 28x28 input that digits' model sees for an image of one digit, in numpy and Pillow.

The same steps, in the same order and with the same constants, as the Java program's `predict --single`
(`DigitRecognizer.input`); `compare_preprocessing.py` checks that both agree within 1/255 on every pixel.

    from mnist_preprocess import prepare
    x = prepare("seven.jpg")          # float32 [28, 28] in [0, 1], 1 = ink
    probabilities = model.signatures["serving_default"](image=x[None, :, :, None])["probabilities"]

The contract, step by step (docs/reading.md tells why):
 1. Decode, turn upright by the EXIF orientation, composite transparency over white. Grey images keep their
    stored levels.
 2. Ink relative to the paper around it: per colour channel, the paper is a local maximum over blocks of an eighth
    of the shorter side (3x3 blocks around each, bilinear back to every pixel, never below the pixel);
    darkness = (paper - value) / max(paper, 0.05); the channel of greatest darkness wins. Light ink on a dark
    border is inverted first. The 30th percentile (paper grain) is subtracted; the strongest 3x3 average sets
    the scale (ink / (1.25 * strongest), clipped to [0, 1]); under 0.15 there is no ink.
 3. An image enlarged by repeating pixels (blocks of 3 or more) is averaged back to its blocks and enlarged
    bilinearly.
 4. Pieces: Otsu's threshold (64 bins, at least 0.2); ruled lines out; 8-connected components; those with no
    pixel above the paper's noise (median + 6 deviations, at most 0.45) and specks (under 6 pixels or 2% of the
    largest) dropped.
 5. All pieces together with a rim of 5% of the tallest piece's height, cropped.
 6. As MNIST: Otsu again, specks under 2% erased, crop to the ink, longer side to 20 pixels (area-weighted),
    strongest pixel to 1, centre of mass on (13.5, 13.5) of a 28x28 field (bilinear).
"""
import math
from collections import deque

import numpy as np
from PIL import Image, ImageOps

SIZE, BOX = 28, 20
MIN_CONTRAST, CONTRAST_TO_PEAK, PAPER_SHARE = 0.15, 1.25, 0.3
MIN_THRESHOLD, SPECK_FRACTION = 0.2, 0.02
SPECK_PIXELS, MIN_GLYPH_PIXELS, MIN_GLYPH_HEIGHT, RIM = 6, 12, 5, 0.05
NOISE_SIGMAS, MAX_STRONG = 6, 0.45
SPAN, MAX_THICKNESS = 0.6, 0.04


class NoDigit(ValueError):
    pass


def java_round(x):
    return int(math.floor(x + 0.5))


def load_rgba(path):
    """Step 1: [h, w, 4] uint8, upright."""
    image = ImageOps.exif_transpose(Image.open(path))
    if image.mode in ("L", "LA", "I;16", "I;16B", "I", "1"):
        if image.mode in ("I;16", "I;16B", "I"):
            grey = np.asarray(image, dtype=np.float64)
            grey = np.round(255 * grey / 65535).astype(np.uint8)
            alpha = np.full(grey.shape, 255, np.uint8)
        else:
            la = np.asarray(image.convert("LA"))
            grey, alpha = la[..., 0], la[..., 1]
        return np.dstack([grey, grey, grey, alpha])
    return np.asarray(image.convert("RGBA"))


def paper(v):
    h, w = v.shape
    block = max(3, min(w, h) // 8)
    bw, bh = -(-w // block), -(-h // block)
    padded = np.zeros((bh * block, bw * block), np.float32)
    padded[:h, :w] = v
    block_max = padded.reshape(bh, block, bw, block).max(axis=(1, 3))
    around = np.zeros_like(block_max)
    p = np.pad(block_max, 1)
    for dy in range(3):
        for dx in range(3):
            around = np.maximum(around, p[dy:dy + bh, dx:dx + bw])
    fy = np.clip((np.arange(h, dtype=np.float32) + 0.5) / block - 0.5, 0, bh - 1)
    fx = np.clip((np.arange(w, dtype=np.float32) + 0.5) / block - 0.5, 0, bw - 1)
    y0 = np.minimum(bh - 1, fy.astype(int)); y1 = np.minimum(bh - 1, y0 + 1); ty = (fy - y0)[:, None]
    x0 = np.minimum(bw - 1, fx.astype(int)); x1 = np.minimum(bw - 1, x0 + 1); tx = (fx - x0)[None, :]
    top = around[y0][:, x0] + tx * (around[y0][:, x1] - around[y0][:, x0])
    bottom = around[y1][:, x0] + tx * (around[y1][:, x1] - around[y1][:, x0])
    return np.maximum(v, top + ty * (bottom - top))


def strongest(ink):
    h, w = ink.shape
    p = np.pad(ink.astype(np.float64), 1)
    n = np.pad(np.ones_like(ink, np.float64), 1)
    s = sum(p[dy:dy + h, dx:dx + w] for dy in range(3) for dx in range(3))
    c = sum(n[dy:dy + h, dx:dx + w] for dy in range(3) for dx in range(3))
    return float((s / c).max())


def block_size(argb):
    h, w = argb.shape[:2]
    k = 0
    for y in range(1, h):
        if not np.array_equal(argb[y], argb[y - 1]):
            k = math.gcd(k, y)
    for x in range(1, w):
        if k == 1:
            break
        if not np.array_equal(argb[:, x], argb[:, x - 1]):
            k = math.gcd(k, x)
    return k or 1


def area_weights(n, m):
    step = n / m
    wts = np.zeros((m, n))
    for j in range(m):
        a = math.floor(j * step)
        b = min(n, math.ceil((j + 1) * step))
        idx = [min(n - 1, a + k) for k in range(max(1, b - a))]
        lo, hi = j * step, (j + 1) * step
        overlaps = [max(0.0, min(hi, i + 1) - max(lo, i)) for i in idx]
        total = sum(overlaps)
        for i, o in zip(idx, overlaps):
            wts[j, i] += o / total if total > 0 else 1 / len(idx)
    return wts


def area(v, width, height):
    return area_weights(v.shape[0], height) @ v.astype(np.float64) @ area_weights(v.shape[1], width).T


def unpixelate(v, block):
    h, w = v.shape
    if block < 3 or w < 2 * block or h < 2 * block:
        return v
    small = area(v, -(-w // block), -(-h // block))
    sh, sw = small.shape
    sy = np.clip((np.arange(h) + 0.5) / block - 0.5, 0, sh - 1)
    sx = np.clip((np.arange(w) + 0.5) / block - 0.5, 0, sw - 1)
    y0 = np.minimum(sy.astype(int), sh - 2); fy = (sy - y0)[:, None]
    x0 = np.minimum(sx.astype(int), sw - 2); fx = (sx - x0)[None, :]
    top = small[y0][:, x0] * (1 - fx) + small[y0][:, x0 + 1] * fx
    bottom = small[y0 + 1][:, x0] * (1 - fx) + small[y0 + 1][:, x0 + 1] * fx
    return (top * (1 - fy) + bottom * fy).astype(np.float32)


def ink_image(rgba):
    """Step 2 and 3: float32 [h, w], ink in [0, 1]."""
    a = rgba[..., 3].astype(np.float32) / 255
    channels = [a * rgba[..., c].astype(np.float32) / 255 + (1 - a) for c in range(3)]
    lum = 0.299 * channels[0] + 0.587 * channels[1] + 0.114 * channels[2]
    h, w = lum.shape
    border = np.concatenate([lum[0], lum[-1], lum[1:-1, 0], lum[1:-1, -1]]) if h > 1 and w > 1 else lum.ravel()
    light_ink = np.sort(border)[len(border) // 2] < 0.5
    ink = np.zeros((h, w), np.float32)
    for ch in channels:
        if light_ink:
            ch = 1 - ch
        p = paper(ch)
        ink = np.maximum(ink, (p - ch) / np.maximum(p, np.float32(0.05)))
    flat = np.sort(ink.ravel())
    floor = flat[min(len(flat) - 1, int(PAPER_SHARE * len(flat)))]
    ink = np.maximum(0, ink - floor)
    contrast = strongest(ink)
    if contrast < MIN_CONTRAST:
        ink = np.zeros_like(ink)
    else:
        ink = np.minimum(1, np.maximum(0, ink / (CONTRAST_TO_PEAK * contrast))).astype(np.float32)
    argb = rgba.astype(np.uint32)
    return unpixelate(ink, block_size(argb[..., 3] << 24 | argb[..., 0] << 16 | argb[..., 1] << 8 | argb[..., 2]))


def otsu(v, floor):
    bins = 64
    hist = np.bincount(np.minimum(bins - 1, (v.ravel() * bins).astype(int)), minlength=bins).astype(np.float64)
    total, sum_all = hist.sum(), (np.arange(bins) * hist).sum()
    best, best_bin, w_back, sum_back = -1.0, bins // 2, 0.0, 0.0
    for t in range(bins - 1):
        w_back += hist[t]
        sum_back += t * hist[t]
        w_ink = total - w_back
        if w_back == 0 or w_ink == 0:
            continue
        between = w_back * w_ink * (sum_back / w_back - (sum_all - sum_back) / w_ink) ** 2
        if between > best:
            best, best_bin = between, t
    return max(floor, (best_bin + 1) / bins)


def noise_ceiling(v):
    s = np.sort(v.ravel())
    median, p80 = s[len(s) // 2], s[int(0.8 * (len(s) - 1))]
    return min(MAX_STRONG, median + NOISE_SIGMAS * (p80 - median) / 0.84)


def remove_ruled_lines(mask):
    lines = _remove_rows(mask)
    if lines >= 2:
        _remove_rows(mask.T)
    return mask


def _remove_rows(m):
    count, length = m.shape
    line = m.sum(axis=1) >= SPAN * length
    thickest = max(3, math.ceil(MAX_THICKNESS * count))
    lines, r = 0, 0
    while r < count:
        if not line[r]:
            r += 1
            continue
        end = r
        while end < count and line[end]:
            end += 1
        if end - r <= thickest:
            lines += 1
            before = m[r - 1] if r > 0 else np.zeros(length, bool)
            after = m[end] if end < count else np.zeros(length, bool)
            m[r:end, ~(before & after)] = False
        r = end
    return lines


def components(mask):
    """8-connected components: a list of (ys, xs) index arrays."""
    h, w = mask.shape
    seen = np.zeros_like(mask)
    found = []
    for y0, x0 in zip(*np.nonzero(mask)):
        if seen[y0, x0]:
            continue
        seen[y0, x0] = True
        queue, ys, xs = deque([(y0, x0)]), [], []
        while queue:
            y, x = queue.pop()
            ys.append(y); xs.append(x)
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    ny, nx = y + dy, x + dx
                    if 0 <= ny < h and 0 <= nx < w and mask[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        queue.append((ny, nx))
        found.append((np.array(ys), np.array(xs)))
    return found


def box(c):
    ys, xs = c
    return [xs.min(), ys.min(), xs.max() + 1, ys.max() + 1]


def merge_overlapping(glyphs):
    """Boxes and pixel counts of the glyphs, those overlapping by half the narrower one's width joined."""
    merged = [box(c) + [len(c[0])] for c in glyphs]
    joined = True
    while joined:
        joined = False
        merged.sort(key=lambda b: b[0])
        for i in range(len(merged)):
            for j in range(i + 1, len(merged)):
                a, b = merged[i], merged[j]
                if min(a[2], b[2]) - max(a[0], b[0]) >= 0.5 * min(a[2] - a[0], b[2] - b[0]):
                    merged[i] = [min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]), a[4] + b[4]]
                    del merged[j]
                    joined = True
                    break
            if joined:
                break
    return merged


def pieces(ink):
    """Step 4 and 5: the pieces of ink together with their rim, cropped."""
    t = otsu(ink, MIN_THRESHOLD)
    strong = max(t, noise_ceiling(ink))
    mask = ink > t
    before = mask.copy()
    remove_ruled_lines(mask)
    clean = ink.copy()
    clean[before & ~mask] = 0
    comps = [c for c in components(mask) if clean[c].max() >= strong]
    largest = max((len(c[0]) for c in comps), default=0)
    glyphs = [c for c in comps if len(c[0]) >= max(SPECK_PIXELS, SPECK_FRACTION * largest)]
    merged = merge_overlapping(glyphs)
    if not any(m[4] >= MIN_GLYPH_PIXELS and m[3] - m[1] >= MIN_GLYPH_HEIGHT for m in merged):
        raise NoDigit("no digit found")
    height = max(m[3] - m[1] for m in merged)
    ys = np.concatenate([c[0] for c in glyphs]); xs = np.concatenate([c[1] for c in glyphs])
    rim = max(1, java_round(RIM * height))
    pad = rim + 1
    h, w = ink.shape
    x0, y0 = max(0, xs.min() - pad), max(0, ys.min() - pad)
    x1, y1 = min(w, xs.max() + 1 + pad), min(h, ys.max() + 1 + pad)
    own = np.zeros((y1 - y0, x1 - x0), bool)
    for dy in range(-rim, rim + 1):
        for dx in range(-rim, rim + 1):
            yy, xx = ys - y0 + dy, xs - x0 + dx
            ok = (yy >= 0) & (xx >= 0) & (yy < own.shape[0]) & (xx < own.shape[1])
            own[yy[ok], xx[ok]] = True
    return np.where(own, clean[y0:y1, x0:x1], 0).astype(np.float32)


def as_mnist(v):
    """Step 6."""
    t = otsu(v, MIN_THRESHOLD)
    comps = components(v > t)
    if not comps:
        raise NoDigit("Expected a digit, received an image with no ink")
    largest = max(len(c[0]) for c in comps)
    clean = v.copy()
    h, w = v.shape
    kept = []
    for c in comps:
        if len(c[0]) < SPECK_FRACTION * largest:
            for y, x in zip(*c):
                clean[max(0, y - 1):y + 2, max(0, x - 1):x + 2] = 0
        else:
            kept.append(box(c))
    x0 = max(0, min(b[0] for b in kept) - 1); y0 = max(0, min(b[1] for b in kept) - 1)
    x1 = min(w, max(b[2] for b in kept) + 1); y1 = min(h, max(b[3] for b in kept) + 1)
    crop = clean[y0:y1, x0:x1]
    scale = BOX / max(crop.shape)
    small = area(crop, max(1, java_round(crop.shape[1] * scale)), max(1, java_round(crop.shape[0] * scale)))
    if small.max() > 0:
        small = np.minimum(1, small / small.max())
    mass = small.sum()
    yy, xx = np.mgrid[0:small.shape[0], 0:small.shape[1]]
    cx = (small * xx).sum() / mass if mass else (small.shape[1] - 1) / 2
    cy = (small * yy).sum() / mass if mass else (small.shape[0] - 1) / 2
    ox, oy = (SIZE - 1) / 2 - cx, (SIZE - 1) / 2 - cy
    padded = np.pad(small, 2)
    ty, tx = np.mgrid[0:SIZE, 0:SIZE]
    sx, sy = tx - ox, ty - oy
    gx0, gy0 = np.floor(sx).astype(int), np.floor(sy).astype(int)
    fx, fy = sx - gx0, sy - gy0

    def at(y, x):
        inside = (y >= 0) & (x >= 0) & (y < small.shape[0]) & (x < small.shape[1])
        return np.where(inside, padded[np.clip(y + 2, 0, padded.shape[0] - 1), np.clip(x + 2, 0, padded.shape[1] - 1)], 0)

    out = ((1 - fx) * (1 - fy) * at(gy0, gx0) + fx * (1 - fy) * at(gy0, gx0 + 1)
           + (1 - fx) * fy * at(gy0 + 1, gx0) + fx * fy * at(gy0 + 1, gx0 + 1))
    return out.astype(np.float32)


def prepare(path):
    """The model input for the image of one digit at `path`: float32 [28, 28] in [0, 1], 1 = ink."""
    return as_mnist(pieces(ink_image(load_rgba(path))))
