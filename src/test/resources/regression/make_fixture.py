# The numpy reference of KernelRegressionTest: run with python3 (numpy) to regenerate.
import numpy as np
rng = np.random.default_rng(7)
x = rng.standard_normal((10, 3))
k = (x @ x.T).astype(np.float32)            # rank 3: ridgeless must take the minimum-norm solution
y = np.where(rng.random(10) < 0.5, -1.0, 1.0)
kd = k.astype(np.float64)
alpha_ridgeless = np.linalg.lstsq(kd, y, rcond=10 * np.finfo(np.float32).eps)[0]
alpha_ridge = np.linalg.solve(kd + 0.05 * np.eye(10), y)
np.save("gram.npy", k)
np.save("targets.npy", y)
np.save("alpha-ridgeless.npy", alpha_ridgeless)
np.save("alpha-ridge-0.05.npy", alpha_ridge)
