#!/usr/bin/python3
"""Writes the small Keras files of the reader tests (KerasFileReadersTest) into this directory.

There is no Keras here: the files are laid out by hand as Keras's own savers write them
(keras/src/saving/saving_lib.py for .keras archives and .weights.h5, keras/src/legacy/saving/
legacy_h5_format.py and Keras 2's hdf5_format.py for legacy .h5), with h5py (Debian's
python3-h5py: apt-get install -y python3-h5py; never a dependency of the project or its tests).

Every weight is value(seed, i) = float32(((7 i + seed) % 23 - 11) / 20) for entry i of the
array in C order (variances: float32(0.5 + ((7 i + seed) % 23) / 20)), with the seed listed in
SEEDS, so that the tests can compute the expected values without reading the files. The script
also computes, with numpy in float64, the outputs of each model for the inputs of inputs() and
writes them to expected_outputs.json ({"cnn": [[10 outputs] x 3], "nested": [[2 outputs] x 3], "dwsep": ...}): a third forward pass, independent of the importer and of
its float64 reference.

Models
  cnn: Sequential, input (28, 28, 1): Conv2D(2, 3x3, strides 2, same, relu), BatchNormalization,
       MaxPooling2D(2), Flatten, Dense(10, softmax)
  dwsep: Sequential, input (6, 5, 2): DepthwiseConv2D(3x3, depth_multiplier 2, same, relu),
       SeparableConv2D(3, 2x2, valid), GlobalAveragePooling2D, Dense 'out'(2)
  nested: Functional, input (4,): Normalization (adapted: mean, variance, int64 count),
       Sequential 'block' [Dense 'd1'(5, relu), BatchNormalization 'bn', Dense 'd2'(3, tanh)],
       Dense 'head'(2)

Files
  cnn_keras2_weights.h5 + .json   legacy save_weights (Keras 2: layer_names, 'conv2d/kernel:0')
  cnn_keras3_legacy.h5            legacy full model by Keras 3 (model_config, batch_shape, no ':0')
  cnn_tfkeras214.keras            .keras as tf.keras 2.14 writes it (_layer_checkpoint_dependencies)
  cnn_keras3.weights.h5 + cnn_keras3.json   Keras 3 save_weights (layers/<class>/vars)
  nested_keras2.h5                legacy full model by Keras 2 (nested model: trainable weights of
                                  all its layers, then the non-trainable ones)
  nested_keras3.keras             .keras by Keras 3 (layer groups named by class: layers/dense, ...)
  dwsep_keras3.keras, dwsep_keras2.h5   the depthwise/separable model as Keras 3 .keras and Keras 2 .h5
  bad_*                           malformed copies for the error tests: an extra weight of a layer
                                  (bad_extra_weight.keras), weights of no layer (bad_orphan_weight.keras),
                                  a legacy layer with 3 weights for 2 (bad_legacy_count.h5), an int32
                                  kernel (bad_int_kernel.h5)

Fuzz seeds (KerasFileFuzzTest, ../KerasFileFuzzTestInputs/<method>/, each under 20 KB): a tiny
Sequential (input (4,), Dense 'dense'(3, relu), BatchNormalization, Dense 'dense_1'(2, softmax)) in
every layout; tiny_keras3.json and tiny_weights_keras2.h5 here are the fixed files the fuzz tests
put beside a fuzzed weights file or architecture.

Run from this directory: /usr/bin/python3 make_kerasfiles.py
"""
import io
import json
import zipfile

import h5py
import numpy as np

SEEDS = {
    "conv2d/kernel": 9, "conv2d/bias": 12, "batch_normalization/gamma": 3, "batch_normalization/beta": 4,
    "batch_normalization/moving_mean": 5, "batch_normalization/moving_variance": 6,
    "dense/kernel": 7, "dense/bias": 8,
    "norm/mean": 11, "norm/variance": 12, "d1/kernel": 13, "d1/bias": 14, "bn/gamma": 15, "bn/beta": 16,
    "bn/moving_mean": 17, "bn/moving_variance": 18, "d2/kernel": 19, "d2/bias": 20, "head/kernel": 21,
    "head/bias": 22,
}
SHAPES = {
    "conv2d/kernel": (3, 3, 1, 2), "conv2d/bias": (2,), "batch_normalization/gamma": (2,),
    "batch_normalization/beta": (2,), "batch_normalization/moving_mean": (2,),
    "batch_normalization/moving_variance": (2,), "dense/kernel": (98, 10), "dense/bias": (10,),
    "norm/mean": (4,), "norm/variance": (4,), "d1/kernel": (4, 5), "d1/bias": (5,), "bn/gamma": (5,),
    "bn/beta": (5,), "bn/moving_mean": (5,), "bn/moving_variance": (5,), "d2/kernel": (5, 3),
    "d2/bias": (3,), "head/kernel": (3, 2), "head/bias": (2,),
    "tiny_dense/kernel": (4, 3), "tiny_dense/bias": (3,), "tiny_bn/gamma": (3,), "tiny_bn/beta": (3,),
    "tiny_bn/moving_mean": (3,), "tiny_bn/moving_variance": (3,), "tiny_dense_1/kernel": (3, 2),
    "tiny_dense_1/bias": (2,),
    "dw/depthwise_kernel": (3, 3, 2, 2), "dw/bias": (4,), "sep/depthwise_kernel": (2, 2, 4, 1),
    "sep/pointwise_kernel": (1, 1, 4, 3), "sep/bias": (3,), "out/kernel": (3, 2), "out/bias": (2,),
}
SEEDS.update({"dw/depthwise_kernel": 40, "dw/bias": 41, "sep/depthwise_kernel": 42, "sep/pointwise_kernel": 43,
              "sep/bias": 44, "out/kernel": 45, "out/bias": 46})
SEEDS.update({k: 30 + i for i, k in enumerate(k for k in SHAPES if k.startswith("tiny_"))})


def value(name):
    n = int(np.prod(SHAPES[name]))
    i = np.arange(n)
    if name.endswith("variance"):
        v = 0.5 + ((7 * i + SEEDS[name]) % 23) / 20.0
    else:
        v = ((7 * i + SEEDS[name]) % 23 - 11) / 20.0
    return v.astype(np.float32).reshape(SHAPES[name])


def layer(cls, cfg, module="keras.layers", **extra):
    out = {"module": module, "class_name": cls, "config": cfg, "registered_name": None}
    out.update(extra)
    return out


def cnn_layers(batch_key):
    return [
        layer("InputLayer", {batch_key: [None, 28, 28, 1], "dtype": "float32", "sparse": False, "name": "input_layer"}),
        layer("Conv2D", {"name": "conv2d", "trainable": True, "dtype": "float32", "filters": 2, "kernel_size": [3, 3],
                         "strides": [2, 2], "padding": "same", "data_format": "channels_last", "dilation_rate": [1, 1],
                         "groups": 1, "activation": "relu", "use_bias": True}),
        layer("BatchNormalization", {"name": "batch_normalization", "trainable": True, "dtype": "float32",
                                     "axis": -1, "momentum": 0.99, "epsilon": 0.001, "center": True, "scale": True}),
        layer("MaxPooling2D", {"name": "max_pooling2d", "trainable": True, "dtype": "float32", "pool_size": [2, 2],
                               "padding": "valid", "strides": [2, 2], "data_format": "channels_last"}),
        layer("Flatten", {"name": "flatten", "trainable": True, "dtype": "float32", "data_format": "channels_last"}),
        layer("Dense", {"name": "dense", "trainable": True, "dtype": "float32", "units": 10, "activation": "softmax",
                        "use_bias": True}),
    ]


def cnn_config(batch_key):
    return {"module": "keras", "class_name": "Sequential",
            "config": {"name": "sequential", "trainable": True, "dtype": "float32", "layers": cnn_layers(batch_key)},
            "registered_name": None, "build_config": {"input_shape": [None, 28, 28, 1]}}


CNN_WEIGHTS = [("conv2d", ["kernel", "bias"]), ("batch_normalization", ["gamma", "beta", "moving_mean",
                                                                         "moving_variance"]),
               ("dense", ["kernel", "bias"])]
CNN_LAYER_NAMES = ["conv2d", "batch_normalization", "max_pooling2d", "flatten", "dense"]


def strings(items):
    return np.array([s.encode("utf8") for s in items]) if items else np.array([], dtype=np.float64)


def legacy_group(g, layer_names, weights, suffix, nested_dirs):
    """Keras's save_weights_to_hdf5_group: layer_names, then a group per layer with weight_names."""
    g.attrs["layer_names"] = strings(layer_names)
    g.attrs["backend"] = b"tensorflow"
    for name in sorted(layer_names + ["top_level_model_weights"]):
        lg = g.create_group(name)
        entries = weights.get(name, [])
        names = [(f"{owner}/{w}" if nested_dirs else w) + suffix for owner, w in entries]
        lg.attrs["weight_names"] = strings(names)
        for (owner, w), n in zip(entries, names):
            lg.create_dataset(n, data=value(f"{owner}/{w}"))


def cnn_legacy_weights():
    return {l: [(l, w) for w in ws] for l, ws in CNN_WEIGHTS}


def keras3_vars(f, groups):
    """saving_lib's H5IOStore: <path>/vars/<i> for each layer, in its own variable order."""
    f.create_group("vars")
    for path, names in groups:
        vg = f.create_group(path + "/vars")
        for i, n in enumerate(names):
            if n is None:
                continue
            if n.endswith("/count"):
                vg.create_dataset(str(i), data=np.int64(1000))
            else:
                vg.create_dataset(str(i), data=value(n))


def write_keras(path, config, metadata, groups, container="layers", extra_groups=()):
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        keras3_vars(f, [(p.replace("layers", container), n) for p, n in groups])
        for g in extra_groups:
            f.create_group(g)
    with zipfile.ZipFile(path, "w") as z:  # fixed dates: the same bytes on every run
        for name, data in [("metadata.json", json.dumps(metadata)), ("config.json", json.dumps(config)),
                           ("model.weights.h5", buf.getvalue())]:
            z.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), data)


CNN_GROUPS = [("layers/conv2d", ["conv2d/kernel", "conv2d/bias"]),
              ("layers/batch_normalization", ["batch_normalization/" + w for w in
                                              ["gamma", "beta", "moving_mean", "moving_variance"]]),
              ("layers/max_pooling2d", []), ("layers/flatten", []), ("layers/dense", ["dense/kernel", "dense/bias"])]


def nested_config():
    def dense(name, units, act):
        return layer("Dense", {"name": name, "trainable": True, "dtype": "float32", "units": units,
                               "activation": act, "use_bias": True})

    def node(src):
        return [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [None, 4], "dtype": "float32",
                                                                        "keras_history": [src, 0, 0]}}],
                 "kwargs": {}}]

    block = layer("Sequential", {"name": "block", "trainable": True, "dtype": "float32", "layers": [
        layer("InputLayer", {"batch_shape": [None, 4], "dtype": "float32", "sparse": False, "name": "block_input"}),
        dense("d1", 5, "relu"),
        layer("BatchNormalization", {"name": "bn", "trainable": True, "dtype": "float32", "axis": -1,
                                     "momentum": 0.99, "epsilon": 0.001, "center": True, "scale": True}),
        dense("d2", 3, "tanh")]}, module="keras", name="block", inbound_nodes=node("norm"))
    layers = [
        layer("InputLayer", {"batch_shape": [None, 4], "dtype": "float32", "sparse": False, "name": "inp"},
              name="inp", inbound_nodes=[]),
        layer("Normalization", {"name": "norm", "trainable": True, "dtype": "float32", "axis": -1, "mean": None,
                                "variance": None, "invert": False}, name="norm", inbound_nodes=node("inp")),
        block,
        dict(dense("head", 2, "linear"), name="head", inbound_nodes=node("block"))]
    return {"module": "keras.src.models.functional", "class_name": "Functional",
            "config": {"name": "outer", "trainable": True, "layers": layers, "input_layers": [["inp", 0, 0]],
                       "output_layers": [["head", 0, 0]]}, "registered_name": "Functional"}


def keras2_nested_config():
    """The nested model's config as Keras 2 writes it: inbound nodes as [[name, 0, 0, {}]]."""
    c = nested_config()
    for l in c["config"]["layers"]:
        l.pop("module"), l.pop("registered_name")
        l["inbound_nodes"] = [[[n["args"][0]["config"]["keras_history"][0], 0, 0, {}]] for n in l["inbound_nodes"]]
        if l["class_name"] == "InputLayer":
            l["config"]["batch_input_shape"] = l["config"].pop("batch_shape")
        if l["class_name"] == "Sequential":
            for inner in l["config"]["layers"]:
                inner.pop("module"), inner.pop("registered_name")
                if inner["class_name"] == "InputLayer":
                    inner["config"]["batch_input_shape"] = inner["config"].pop("batch_shape")
    c.pop("module"), c.pop("registered_name")
    return c


def inputs(model):
    """The inputs of expected_outputs.json: 3 images or vectors, value(i) = ((5 i + 3 k) % 17) / 16."""
    n = {"cnn": 28 * 28, "nested": 4, "dwsep": 6 * 5 * 2}[model]
    return [(((5 * np.arange(n) + 3 * k) % 17) / 16.0).astype(np.float32) for k in range(3)]


def w64(name):
    return value(name).astype(np.float64)


def cnn_forward(x):
    x = x.astype(np.float64).reshape(28, 28, 1)
    k, b = w64("conv2d/kernel"), w64("conv2d/bias")
    p = np.zeros((29, 29, 1))  # same padding for stride 2, kernel 3, 28 -> 14: pad 1 at the end only
    p[:28, :28] = x
    conv = np.zeros((14, 14, 2))
    for i in range(14):
        for j in range(14):
            conv[i, j] = np.einsum("abc,abcf->f", p[2 * i:2 * i + 3, 2 * j:2 * j + 3], k) + b
    h = np.maximum(conv, 0)
    bn = "batch_normalization/"
    h = (h - w64(bn + "moving_mean")) / np.sqrt(w64(bn + "moving_variance") + 1e-3) * w64(bn + "gamma") + w64(bn + "beta")
    h = h.reshape(7, 2, 7, 2, 2).max(axis=(1, 3))
    z = h.reshape(-1) @ w64("dense/kernel") + w64("dense/bias")
    e = np.exp(z - z.max())
    return e / e.sum()


def nested_forward(x):
    h = (x.astype(np.float64) - w64("norm/mean")) / np.maximum(np.sqrt(w64("norm/variance")), 1e-7)
    h = np.maximum(h @ w64("d1/kernel") + w64("d1/bias"), 0)
    h = (h - w64("bn/moving_mean")) / np.sqrt(w64("bn/moving_variance") + 1e-3) * w64("bn/gamma") + w64("bn/beta")
    h = np.tanh(h @ w64("d2/kernel") + w64("d2/bias"))
    return h @ w64("head/kernel") + w64("head/bias")


def dwsep_config():
    conv = {"trainable": True, "dtype": "float32", "strides": [1, 1], "data_format": "channels_last",
            "dilation_rate": [1, 1], "use_bias": True}
    return {"module": "keras", "class_name": "Sequential", "config": {"name": "dwsep", "layers": [
        layer("InputLayer", {"batch_shape": [None, 6, 5, 2], "dtype": "float32", "sparse": False, "name": "img"}),
        layer("DepthwiseConv2D", dict(conv, name="dw", kernel_size=[3, 3], padding="same", depth_multiplier=2,
                                      activation="relu")),
        layer("SeparableConv2D", dict(conv, name="sep", filters=3, kernel_size=[2, 2], padding="valid",
                                      depth_multiplier=1, activation="linear")),
        layer("GlobalAveragePooling2D", {"name": "gap", "data_format": "channels_last", "keepdims": False}),
        layer("Dense", {"name": "out", "trainable": True, "dtype": "float32", "units": 2, "activation": "linear",
                        "use_bias": True})]}, "registered_name": None}


def depthwise(x, k, b, pad):
    """x (h, w, c), k (kh, kw, c, m), stride 1; pad = (top, bottom, left, right); channel c m + j."""
    kh, kw, c, m = k.shape
    p = np.pad(x, ((pad[0], pad[1]), (pad[2], pad[3]), (0, 0)))
    oh, ow = p.shape[0] - kh + 1, p.shape[1] - kw + 1
    out = np.zeros((oh, ow, c * m))
    for i in range(oh):
        for j in range(ow):
            win = p[i:i + kh, j:j + kw, :]
            out[i, j] = np.einsum("abc,abcm->cm", win, k).reshape(-1)
    return out + (0 if b is None else b)


def dwsep_forward(x):
    h = np.maximum(depthwise(x.astype(np.float64).reshape(6, 5, 2), w64("dw/depthwise_kernel"), w64("dw/bias"),
                             (1, 1, 1, 1)), 0)
    h = depthwise(h, w64("sep/depthwise_kernel"), None, (0, 0, 0, 0))
    h = h @ w64("sep/pointwise_kernel").reshape(4, 3) + w64("sep/bias")
    return h.mean(axis=(0, 1)) @ w64("out/kernel") + w64("out/bias")


def main():
    meta3 = {"keras_version": "3.1.1", "date_saved": "2025-01-01@00:00:00"}
    # Keras 2 save_weights + to_json
    with h5py.File("cnn_keras2_weights.h5", "w") as f:
        legacy_group(f, CNN_LAYER_NAMES, cnn_legacy_weights(), ":0", True)
        f.attrs["keras_version"] = b"2.13.1"
    k2 = cnn_config("batch_input_shape")
    for l in k2["config"]["layers"]:
        l.pop("module"), l.pop("registered_name")
    k2.pop("module"), k2.pop("registered_name"), k2.pop("build_config")
    k2.update({"keras_version": "2.13.1", "backend": "tensorflow"})
    with open("cnn_keras2_weights.json", "w") as f:
        json.dump(k2, f)
    # Keras 3 legacy full model
    with h5py.File("cnn_keras3_legacy.h5", "w") as f:
        legacy = cnn_config("batch_shape")
        f.attrs["model_config"] = json.dumps({"class_name": "Sequential", "config": legacy["config"]}).encode()
        f.attrs["keras_version"] = b"3.1.1"
        f.attrs["backend"] = b"tensorflow"
        legacy_group(f.create_group("model_weights"), CNN_LAYER_NAMES, cnn_legacy_weights(), "", False)
        f.create_group("optimizer_weights").create_dataset("iteration", data=np.int64(7))
    # tf.keras 2.14 .keras
    write_keras("cnn_tfkeras214.keras", cnn_config("batch_input_shape"),
                {"keras_version": "2.14.0", "date_saved": "2023-10-05@19:16:46"}, CNN_GROUPS,
                container="_layer_checkpoint_dependencies", extra_groups=["optimizer/vars", "metrics/mean/vars"])
    # Keras 3 save_weights + to_json
    with h5py.File("cnn_keras3.weights.h5", "w") as f:
        keras3_vars(f, CNN_GROUPS)
    with open("cnn_keras3.json", "w") as f:
        json.dump(cnn_config("batch_shape"), f)
    # Keras 2 legacy full model with a nested Sequential
    with h5py.File("nested_keras2.h5", "w") as f:
        f.attrs["model_config"] = json.dumps(keras2_nested_config()).encode()
        f.attrs["keras_version"] = b"2.13.1"
        nested = {"norm": [("norm", "mean"), ("norm", "variance"), ("norm", "count")],
                  "block": [("d1", "kernel"), ("d1", "bias"), ("bn", "gamma"), ("bn", "beta"), ("d2", "kernel"),
                            ("d2", "bias"), ("bn", "moving_mean"), ("bn", "moving_variance")],
                  "head": [("head", "kernel"), ("head", "bias")]}
        g = f.create_group("model_weights")
        g.attrs["layer_names"] = strings(["inp", "norm", "block", "head"])
        for name in ["block", "head", "inp", "norm", "top_level_model_weights"]:
            lg = g.create_group(name)
            names = [f"{o}/{w}:0" for o, w in nested.get(name, [])]
            lg.attrs["weight_names"] = strings(names)
            for (o, w), n in zip(nested.get(name, []), names):
                lg.create_dataset(n, data=np.int64(1000) if w == "count" else value(f"{o}/{w}"))
    # Keras 3 .keras with the nested model: groups named by class, numbered within each model
    write_keras("nested_keras3.keras", nested_config(), meta3, [
        ("layers/input_layer", []), ("layers/normalization", ["norm/mean", "norm/variance", "norm/count"]),
        ("layers/sequential/layers/dense", ["d1/kernel", "d1/bias"]),
        ("layers/sequential/layers/batch_normalization", ["bn/" + w for w in
                                                          ["gamma", "beta", "moving_mean", "moving_variance"]]),
        ("layers/sequential/layers/dense_1", ["d2/kernel", "d2/bias"]),
        ("layers/dense", ["head/kernel", "head/bias"])], extra_groups=["optimizer/vars"])
    # Depthwise and separable convolutions
    write_keras("dwsep_keras3.keras", dwsep_config(), meta3, [
        ("layers/depthwise_conv2d", ["dw/depthwise_kernel", "dw/bias"]),
        ("layers/separable_conv2d", ["sep/depthwise_kernel", "sep/pointwise_kernel", "sep/bias"]),
        ("layers/global_average_pooling2d", []), ("layers/dense", ["out/kernel", "out/bias"])])
    with h5py.File("dwsep_keras2.h5", "w") as f:
        k2 = dwsep_config()
        for l in k2["config"]["layers"]:
            l.pop("module"), l.pop("registered_name")
        f.attrs["model_config"] = json.dumps({"class_name": "Sequential", "config": k2["config"]}).encode()
        f.attrs["keras_version"] = b"2.13.1"
        legacy_group(f.create_group("model_weights"), ["dw", "sep", "gap", "out"],
                     {"dw": [("dw", "depthwise_kernel"), ("dw", "bias")],
                      "sep": [("sep", "depthwise_kernel"), ("sep", "pointwise_kernel"), ("sep", "bias")],
                      "out": [("out", "kernel"), ("out", "bias")]}, ":0", True)
    # Malformed copies
    write_keras("bad_extra_weight.keras", cnn_config("batch_shape"), meta3,
                CNN_GROUPS[:-1] + [("layers/dense", ["dense/kernel", "dense/bias", "dense/bias"])])
    write_keras("bad_orphan_weight.keras", cnn_config("batch_shape"), meta3,
                CNN_GROUPS + [("layers/dense_1", ["dense/bias"])])
    with h5py.File("bad_legacy_count.h5", "w") as f:
        f.attrs["model_config"] = json.dumps({"class_name": "Sequential", "config": legacy["config"]}).encode()
        w = cnn_legacy_weights()
        w["conv2d"] = w["conv2d"] + [("conv2d", "bias_again")]
        SHAPES["conv2d/bias_again"], SEEDS["conv2d/bias_again"] = (2,), 10
        legacy_group(f.create_group("model_weights"), CNN_LAYER_NAMES, w, "", False)
    with h5py.File("bad_int_kernel.h5", "w") as f:
        f.attrs["model_config"] = json.dumps({"class_name": "Sequential", "config": legacy["config"]}).encode()
        g = f.create_group("model_weights")
        legacy_group(g, CNN_LAYER_NAMES, cnn_legacy_weights(), "", False)
        del g["dense/kernel"]
        g["dense"].create_dataset("kernel", data=np.arange(980, dtype=np.int32).reshape(98, 10))
    expected = {m: [fwd(x).tolist() for x in inputs(m)]
                for m, fwd in [("cnn", cnn_forward), ("nested", nested_forward), ("dwsep", dwsep_forward)]}
    with open("expected_outputs.json", "w") as f:
        json.dump(expected, f, indent=1)


def tiny_config(batch_key="batch_shape"):
    def dense(name, units, act):
        return layer("Dense", {"name": name, "trainable": True, "dtype": "float32", "units": units,
                               "activation": act, "use_bias": True})
    return {"module": "keras", "class_name": "Sequential", "config": {"name": "tiny", "layers": [
        layer("InputLayer", {batch_key: [None, 4], "dtype": "float32", "sparse": False, "name": "input_layer"}),
        dense("dense", 3, "relu"),
        layer("BatchNormalization", {"name": "batch_normalization", "trainable": True, "dtype": "float32",
                                     "axis": -1, "epsilon": 0.001, "center": True, "scale": True}),
        dense("dense_1", 2, "softmax")]}, "registered_name": None}


def fuzz_seeds():
    import os
    root = "../KerasFileFuzzTestInputs"
    for d in ["kerasArchive", "hdf5File", "architectureJson", "archiveConfig"]:
        os.makedirs(f"{root}/{d}", exist_ok=True)
    bn = ["gamma", "beta", "moving_mean", "moving_variance"]
    groups = [("layers/dense", ["tiny_dense/kernel", "tiny_dense/bias"]),
              ("layers/batch_normalization", ["tiny_bn/" + w for w in bn]),
              ("layers/dense_1", ["tiny_dense_1/kernel", "tiny_dense_1/bias"])]
    meta = {"keras_version": "3.1.1", "date_saved": "2025-01-01@00:00:00"}
    write_keras(f"{root}/kerasArchive/tiny_keras3.keras", tiny_config(), meta, groups, extra_groups=["optimizer/vars"])
    write_keras(f"{root}/kerasArchive/tiny_tfkeras214.keras", tiny_config("batch_input_shape"),
                {"keras_version": "2.14.0"}, groups, container="_layer_checkpoint_dependencies")
    legacy = {"dense": [("tiny_dense", "kernel"), ("tiny_dense", "bias")],
              "batch_normalization": [("tiny_bn", w) for w in bn],
              "dense_1": [("tiny_dense_1", "kernel"), ("tiny_dense_1", "bias")]}
    names = ["dense", "batch_normalization", "dense_1"]

    def legacy_weights(g, suffix, dirs):
        g.attrs["layer_names"] = strings(names)
        for n in names:
            lg = g.create_group(n)
            ws = [(f"{n}/{w}" if dirs else w) + suffix for _, w in legacy[n]]
            lg.attrs["weight_names"] = strings(ws)
            for (o, w), ds in zip(legacy[n], ws):
                lg.create_dataset(ds, data=value(f"{o}/{w}"))
    with h5py.File(f"{root}/hdf5File/tiny_legacy_keras2.h5", "w") as f:
        f.attrs["model_config"] = json.dumps(tiny_config("batch_input_shape")).encode()
        f.attrs["keras_version"] = b"2.13.1"
        legacy_weights(f.create_group("model_weights"), ":0", True)
    with h5py.File("tiny_weights_keras2.h5", "w") as f:
        legacy_weights(f, ":0", True)
    with h5py.File(f"{root}/hdf5File/tiny_keras3.weights.h5", "w") as f:
        keras3_vars(f, groups)
    with open(f"{root}/hdf5File/tiny_weights_keras2.h5", "wb") as out, open("tiny_weights_keras2.h5", "rb") as src:
        out.write(src.read())
    with open("tiny_keras3.json", "w") as f:
        json.dump(tiny_config(), f)
    for d in ["architectureJson", "archiveConfig"]:
        with open(f"{root}/{d}/tiny_keras3.json", "w") as f:
            json.dump(tiny_config(), f)
        with open(f"{root}/{d}/nested_keras3.json", "w") as f:
            json.dump(nested_config(), f)
        with open(f"{root}/{d}/nested_keras2.json", "w") as f:
            json.dump(keras2_nested_config(), f)


if __name__ == "__main__":
    main()
    fuzz_seeds()
