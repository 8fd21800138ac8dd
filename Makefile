# The two commands of the README: `make run` (the main job) and `make test`.
# Each installs what it needs on a fresh Debian machine with the Swift toolchain.
SWIFT ?= swift
CONFIG ?= configs/basic.yaml

.PHONY: run test deps build bench clean

# GSL, zlib and zstd (Debian libgsl-dev, zlib1g-dev, libzstd-dev) found through pkg-config;
# installed when missing.
deps:
	@if ! pkg-config --exists gsl zlib libzstd 2>/dev/null; then \
		echo "installing libgsl-dev, zlib1g-dev, libzstd-dev and pkg-config (apt-get)"; \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libgsl-dev zlib1g-dev libzstd-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build -c release --product kvcache-sim

run: build
	.build/release/kvcache-sim --config $(CONFIG)

# `swift build` first: the CLI tests run the built kvcache-sim executable.
test: deps
	$(SWIFT) build
	$(SWIFT) test

# Ingestion, kernels and curves (scripts/bench.sh), then whole `simulate` processes beside
# libCacheSim (scripts/bench_policies.sh), then `mrc` beside KVCache.AI's kvcache-simulator on the
# real traces when ../shared/data has them (scripts/bench_prefix.sh), every measurement in its own process, 3 times. The
# traces come from `kvcache-bench zipf` (bench-data/, never committed); the peer runs from
# .venv-lcs, which the bench makes (`pip install libcachesim==0.3.5`) when PyPI is reachable,
# and is skipped with a note otherwise. Takes about 20 minutes on 2 cores.
bench: deps
	$(SWIFT) build -c release --product kvcache-bench
	scripts/bench.sh
	scripts/bench_policies.sh
	$(SWIFT) build -c release --product kvcache-sim
	scripts/bench_prefix.sh

clean:
	rm -rf .build
