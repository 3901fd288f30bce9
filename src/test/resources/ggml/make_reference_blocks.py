#!/usr/bin/env python3
"""Runs ggml's own reference quantizers on fixed inputs and writes reference-blocks.txt.

Usage: python3 make_reference_blocks.py /path/to/libggml-base.so > reference-blocks.txt

The library used for the committed fixture is named in README.md beside this script. Calls
quantize_row_<type>_ref (the scalar reference, not the SIMD quantize_row_<type>) and
dequantize_row_<type>, both exported by libggml-base.so, plus ggml_fp32_to_fp16_row.
"""
import ctypes
import sys

import numpy as np

TYPES = [  # (id, ggml symbol suffix, block elements, block bytes)
    ("q8_0", "q8_0", 32, 34),
    ("q4_0", "q4_0", 32, 18),
    ("q4_1", "q4_1", 32, 20),
    ("q5_0", "q5_0", 32, 22),
    ("q5_1", "q5_1", 32, 24),
    ("q2_k", "q2_K", 256, 84),
    ("q3_k", "q3_K", 256, 110),
    ("q4_k", "q4_K", 256, 144),
    ("q5_k", "q5_K", 256, 176),
    ("q6_k", "q6_K", 256, 210),
]
N = 256


def cases():
    rng = np.random.default_rng(20240611)
    f32 = np.float32
    out = []
    for i in range(6):
        out.append((f"normal{i}", rng.normal(0, 0.02 * (i + 1), N)))
    out.append(("normal_unit", rng.normal(0, 1, N)))
    out.append(("laplace", rng.laplace(0, 0.05, N)))
    out.append(("uniform", rng.uniform(-1, 1, N)))
    out.append(("positive", rng.uniform(0.1, 0.9, N)))
    out.append(("negative", -rng.uniform(0.1, 0.9, N)))
    out.append(("zeros", np.zeros(N)))
    out.append(("constant", np.full(N, 0.3)))
    outlier = rng.normal(0, 0.01, N)
    outlier[37] = 5.0
    outlier[200] = -0.5
    out.append(("outlier", outlier))
    negmax = np.abs(rng.normal(0, 0.1, N))
    negmax[5::32] = -1.0
    negmax[7::32] = 1.0  # same magnitude later in the block: the first (negative) one wins
    out.append(("negative_max", negmax))
    # q8_0 ties: amax 127 gives d = 1 exactly, so x·id = k + 0.5 exactly (roundf goes away from 0)
    ties8 = np.array([(j % 32) - 16 + 0.5 for j in range(N)])
    ties8[0::32] = 127.0
    out.append(("ties_q8", ties8))
    quarters = np.array([((j * 7) % 33 - 16) * 0.25 for j in range(N)])
    out.append(("quarters", quarters))
    halves = np.array([((j * 5) % 17 - 8) * 0.5 for j in range(N)])
    out.append(("halves", halves))
    sparse = rng.normal(0, 0.05, N)
    sparse[16:48] = 0.0  # whole 16- and 32-weight sub-blocks of zeros inside a live block
    sparse[128:144] = 0.0
    out.append(("zero_sub_blocks", sparse))
    out.append(("ramp", np.linspace(-1, 1, N)))
    out.append(("tiny", rng.normal(0, 1e-6, N)))
    out.append(("large", rng.normal(0, 2000, N)))
    mixed = rng.normal(0, 0.02, N) * np.repeat(rng.uniform(0.01, 3, N // 16), 16)
    out.append(("mixed_scales", mixed))
    return [(name, np.asarray(x, dtype=f32)) for name, x in out]


def hexwords(a):
    return " ".join(f"{v:08x}" for v in np.asarray(a, dtype=np.float32).view(np.uint32))


def main():
    lib = ctypes.CDLL(sys.argv[1])
    fp = ctypes.POINTER(ctypes.c_float)
    lib.ggml_version.restype = ctypes.c_char_p
    lib.ggml_commit.restype = ctypes.c_char_p
    print(f"# ggml_version {lib.ggml_version().decode()} ggml_commit {lib.ggml_commit().decode()}")
    print("# input <case> <256 fp32 bit patterns>")
    print("# block <type> <case> <block bytes, hex> / decoded <type> <case> <256 fp32 bit patterns>")
    for name, x in cases():
        print(f"input {name} {hexwords(x)}")
        for tid, sym, elems, nbytes in TYPES:
            quantize = getattr(lib, f"quantize_row_{sym}_ref")
            dequantize = getattr(lib, f"dequantize_row_{sym}")
            dst = (ctypes.c_uint8 * (N // elems * nbytes))()
            src = np.ascontiguousarray(x)
            quantize(src.ctypes.data_as(fp), dst, ctypes.c_int64(N))
            y = np.zeros(N, dtype=np.float32)
            dequantize(dst, y.ctypes.data_as(fp), ctypes.c_int64(N))
            print(f"block {tid} {name} {bytes(dst).hex()}")
            print(f"decoded {tid} {name} {hexwords(y)}")
    # fp32 -> fp16 through ggml's own row converter: specials plus random bit patterns
    rng = np.random.default_rng(7)
    special = np.array(
        [0x3F801000, 0x3F803000, 0x477FE000, 0x477FEFFD, 0x477FF000, 0x33800000, 0x33000000,
         0x33C00000, 0x80000000, 0x7F800000, 0xFF800000, 0x7FC00000, 0x7F800001, 0x387FC000,
         0x38800000, 0x00000001, 0x7F7FFFFF],
        dtype=np.uint32)
    bits = np.concatenate([special, rng.integers(0, 2**32, 2000, dtype=np.uint64).astype(np.uint32),
                           (rng.normal(0, 1, 1000).astype(np.float32)).view(np.uint32)])
    vals = bits.view(np.float32)
    halves = np.zeros(len(vals), dtype=np.uint16)
    lib.ggml_fp32_to_fp16_row(vals.ctypes.data_as(fp), halves.ctypes.data_as(ctypes.c_void_p),
                              ctypes.c_int64(len(vals)))
    for i in range(0, len(vals), 64):
        pairs = " ".join(f"{b:08x}:{h:04x}" for b, h in zip(bits[i:i + 64], halves[i:i + 64]))
        print(f"fp16 {pairs}")
    print("# sweep <type> <rows of 256> <sha256 of all blocks> <sha256 of decoded fp32 LE>")
    sweep(lib)


SWEEP_ROWS = 1024
SWEEP_SCALES = [0.001, 0.02, 0.3, 1.0, 7.5, 250.0, 1e-5, 0.05]


def sweep_values():
    """Deterministic pseudo-random rows, reproduced bit for bit by GgmlReferenceFixtureTest.

    xorshift32 (13, 17, 5) from seed 2463534242; each value is the float32 sum of three
    uniforms (u >> 8) * 2^-24 - 0.5 times the row's scale; every 5th row gets one outlier of 40x.
    """
    state = 2463534242
    out = np.zeros(SWEEP_ROWS * N, dtype=np.float32)

    def nxt():
        nonlocal state
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        return state

    f32 = np.float32
    for r in range(SWEEP_ROWS):
        scale = f32(SWEEP_SCALES[r % len(SWEEP_SCALES)])
        for i in range(N):
            a = f32(nxt() >> 8) * f32(2.0**-24) - f32(0.5)
            b = f32(nxt() >> 8) * f32(2.0**-24) - f32(0.5)
            c = f32(nxt() >> 8) * f32(2.0**-24) - f32(0.5)
            out[r * N + i] = f32(f32(a + b) + c) * scale
        if r % 5 == 0:
            at = nxt() % N
            out[r * N + at] = out[r * N + at] * f32(40.0)
    return out


def sweep(lib):
    import hashlib

    fp = ctypes.POINTER(ctypes.c_float)
    x = sweep_values()
    for tid, sym, elems, nbytes in TYPES:
        quantize = getattr(lib, f"quantize_row_{sym}_ref")
        dequantize = getattr(lib, f"dequantize_row_{sym}")
        dst = (ctypes.c_uint8 * (len(x) // elems * nbytes))()
        quantize(x.ctypes.data_as(fp), dst, ctypes.c_int64(len(x)))
        y = np.zeros(len(x), dtype=np.float32)
        dequantize(dst, y.ctypes.data_as(fp), ctypes.c_int64(len(x)))
        hb = hashlib.sha256(bytes(dst)).hexdigest()
        hy = hashlib.sha256(y.astype("<f4").tobytes()).hexdigest()
        print(f"sweep {tid} {SWEEP_ROWS} {hb} {hy}")


if __name__ == "__main__":
    main()
