"""Writes the .npy fixtures of NpyTest with NumPy itself (the reference writer).
Run: python3 make_fixtures.py  (NumPy 2.x)"""
import numpy as np

np.save("f32.npy", (np.arange(6, dtype="<f4") / 4).reshape(2, 3))
np.save("i64.npy", np.array([1, -2, 3], dtype="<i8"))
np.save("u8.npy", np.arange(24, dtype="u1").reshape(2, 1, 3, 4))
np.save("scalar.npy", np.float64(2.5))
np.save("bool.npy", np.array([True, False, True]))
np.save("fortran.npy", np.asfortranarray(np.ones((2, 3), dtype="<f4")))
np.save("bigendian.npy", np.ones(2, dtype=">f4"))
np.save("complex.npy", np.ones(2, dtype="<c8"))
with open("v2.npy", "wb") as f:
    np.lib.format.write_array(f, np.array([7, 8], dtype="<i4"), version=(2, 0))
