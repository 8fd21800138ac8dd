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

# Kernels and ingestion (scripts/bench.sh), then whole `simulate` processes beside libCacheSim
# (scripts/bench_policies.sh; its peer columns need `python3 -m venv .venv-lcs &&
# .venv-lcs/bin/pip install libcachesim==0.3.5`, and are skipped without it).
bench: deps
	$(SWIFT) build -c release --product kvcache-bench
	scripts/bench.sh
	scripts/bench_policies.sh

clean:
	rm -rf .build
