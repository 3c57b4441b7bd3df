# guidesite — the two commands of the README, and their parts.
#   make site   builds the demo portal into Output/
#   make test   runs the whole test suite
SWIFT ?= swift

.PHONY: site test deps swift-test js-test check clean

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

test: deps swift-test js-test

clean:
	rm -rf .build Output
