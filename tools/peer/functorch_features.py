#!/usr/bin/env python3
"""Peer measurement for `ak bench features`: PyTorch functorch vmap(grad) per-example gradients.

Builds the same networks as afterkernel's presets (Keras layout and semantics) and times
per-example gradients of the logit with respect to every parameter, flattened into one
[batch, d] feature block as afterkernel returns it, and prints one JSON object on stdout.

  vgg:  Conv2D(w, 3x3, same, ReLU) x2, MaxPool(2, same), Conv2D(2w) x2, MaxPool, Flatten, Dense(1)
  mlp:  Flatten, Dense(w, ReLU) x layers, Dense(1)

The convolutions run in PyTorch's own NCHW layout; the flatten before the head is taken in
Keras's NHWC order (a permute), so the head's parameters are ordered as afterkernel's. Weights
are Glorot-uniform with zero biases as Keras initialises them; images are uniform in [0, 1)
(the cost does not depend on the values).

Optional: afterkernel never depends on PyTorch. Where torch (or functorch) cannot be imported
this prints {"available": false, "reason": ...} and exits 0.
"""

import argparse
import json
import math
import os
import sys
import time


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--arch", default="vgg", choices=["vgg", "mlp"])
    p.add_argument("--width", type=int, default=None, help="first-block channels (vgg, default 26) "
                   "or hidden units (mlp, default 94)")
    p.add_argument("--num-blocks", type=int, default=2)
    p.add_argument("--num-layers", type=int, default=4, help="vgg convolutions in all / mlp hidden layers")
    p.add_argument("--filter-size", type=int, default=3)
    p.add_argument("--pool-size", type=int, default=2)
    p.add_argument("--height", type=int, default=28)
    p.add_argument("--image-width", type=int, default=28)
    p.add_argument("--channels", type=int, default=1)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--examples", type=int, default=2048, help="timed examples per repetition")
    p.add_argument("--repeats", type=int, default=1, help="timed repetitions (each reported)")
    p.add_argument("--threads", type=int, default=0, help="intra-op threads (0 = one per core)")
    p.add_argument("--seed", type=int, default=0)
    return p.parse_args(argv)


def unavailable(reason):
    print(json.dumps({"peer": "functorch", "available": False, "reason": reason}))
    return 0


def main(argv):
    args = parse_args(argv)
    try:
        import torch
        try:
            from torch.func import functional_call, grad, vmap  # PyTorch >= 2.0
            api = "torch.func"
        except ImportError:
            from functorch import grad, vmap  # PyTorch 1.13
            from torch.nn.utils.stateless import functional_call
            api = "functorch"
    except Exception as e:  # ImportError, or a broken installation
        return unavailable(f"{type(e).__name__}: {e}")

    threads = args.threads if args.threads > 0 else (os.cpu_count() or 1)
    torch.set_num_threads(threads)
    torch.manual_seed(args.seed)
    model = build(torch, args)
    model.eval()
    params = {k: v.detach() for k, v in model.named_parameters()}
    dimension = sum(v.numel() for v in params.values())

    def logit(p, x):
        return functional_call(model, p, (x.unsqueeze(0),)).sum()

    per_example = vmap(grad(logit), in_dims=(None, 0))

    def features(x):
        g = per_example(params, x)
        return torch.cat([g[k].reshape(x.shape[0], -1) for k in params], dim=1)

    shape = (args.batch_size, args.channels, args.height, args.image_width)
    x = torch.rand(shape)
    out = features(x)  # warm-up, and the output shape check
    if tuple(out.shape) != (args.batch_size, dimension):
        raise SystemExit(f"functorch_features: got features of shape {tuple(out.shape)}, "
                         f"expected {(args.batch_size, dimension)}")
    rates = []
    for _ in range(args.repeats):
        done = 0
        t0 = time.perf_counter()
        while done < args.examples:
            n = min(args.batch_size, args.examples - done)
            features(x[:n])
            done += n
        rates.append(done / (time.perf_counter() - t0))
    print(json.dumps({
        "peer": "functorch",
        "available": True,
        "api": api,
        "torch": torch.__version__,
        "arch": args.arch,
        "network": describe(args),
        "features": dimension,
        "batch_size": args.batch_size,
        "threads": threads,
        "interop_threads": torch.get_num_interop_threads(),
        "examples": args.examples,
        "repeats": args.repeats,
        "examples_per_second": rates,
        "median_examples_per_second": sorted(rates)[len(rates) // 2],
    }))
    return 0


def describe(args):
    if args.arch == "vgg":
        return (f"vgg(width={width(args)}, blocks={args.num_blocks}, layers={args.num_layers}, "
                f"filter={args.filter_size}, pool={args.pool_size}) on "
                f"{args.height}x{args.image_width}x{args.channels}")
    return f"mlp(width={width(args)}, layers={args.num_layers}) on {args.height}x{args.image_width}x{args.channels}"


def width(args):
    if args.width is not None:
        return args.width
    return 26 if args.arch == "vgg" else 94


def build(torch, args):
    nn = torch.nn

    def glorot(layer, fan_in, fan_out):
        limit = math.sqrt(6.0 / (fan_in + fan_out))
        nn.init.uniform_(layer.weight, -limit, limit)
        nn.init.zeros_(layer.bias)
        return layer

    class KerasFlatten(nn.Module):
        """Flatten in NHWC order, as Keras's Flatten on channels-last images."""

        def forward(self, x):
            return x.permute(0, 2, 3, 1).reshape(x.shape[0], -1) if x.dim() == 4 else x.reshape(x.shape[0], -1)

    layers = []
    if args.arch == "vgg":
        ch_in, ch, h, w = args.channels, width(args), args.height, args.image_width
        k = args.filter_size
        if k % 2 == 0:
            raise SystemExit("functorch_features: 'same' padding for even filter sizes is not built here")
        per_block = args.num_layers // args.num_blocks
        for _ in range(args.num_blocks):
            for _ in range(per_block):
                layers += [glorot(nn.Conv2d(ch_in, ch, k, padding=k // 2), ch_in * k * k, ch * k * k), nn.ReLU()]
                ch_in = ch
            # Keras MaxPooling2D(pool, padding="same"), stride = pool: ceil mode pads at the end.
            layers.append(nn.MaxPool2d(args.pool_size, ceil_mode=True))
            h, w = -(-h // args.pool_size), -(-w // args.pool_size)
            ch *= 2
        layers.append(KerasFlatten())
        flat = h * w * ch_in
    else:
        layers.append(KerasFlatten())
        flat = args.height * args.image_width * args.channels
        for _ in range(args.num_layers):
            layers += [glorot(nn.Linear(flat, width(args)), flat, width(args)), nn.ReLU()]
            flat = width(args)
    layers.append(glorot(nn.Linear(flat, 1), flat, 1))
    return nn.Sequential(*layers)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
