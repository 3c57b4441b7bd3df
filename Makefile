# guidesite — the two commands of the README, and their parts.
#   make site   builds the demo portal into Output/
#   make test   runs the whole test suite
SWIFT ?= swift

.PHONY: site test deps swift-test js-test browser-test check bench fuzz clean

deps:
	@scripts/install-deps.sh

site: deps
	$(SWIFT) build -c release --product guidesite
	$$($(SWIFT) build -c release --show-bin-path)/guidesite build --content Content --output Output

check: deps
	$(SWIFT) run guidesite check --content Content

swift-test: deps
	$(SWIFT) test

js-test:
	@if ls Tests/js/*.test.mjs >/dev/null 2>&1; then node --test Tests/js/; else echo "no JavaScript tests"; fi

# The browser suite: nginx, headless Chromium, axe-core, the Nu checker, a link crawler
# (installs them when missing; docs/checking.md). Reuses the debug build of the Swift tests.
browser-test:
	@Tests/browser/run.sh

test: deps swift-test js-test browser-test

# Fuzzing (not part of the tests): each libFuzzer target for FUZZ_SECONDS; docs/bad-inputs.md
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/fuzz.sh $(FUZZ_SECONDS)

# Benchmarks (not part of the tests): docs/benchmarks.md
bench: deps
	@scripts/bench.sh

clean:
	rm -rf .build Output Tests/Artifacts
