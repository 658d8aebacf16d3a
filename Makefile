# duolex — common tasks. A fresh clone needs only `make run` and `make test`.
CARGO ?= cargo
OUT ?= out

.PHONY: all build run test fmt lint doc eval bench clean

all: build

build:
	$(CARGO) build --release --locked

## run: analyse the sample corpus/ and write the tables to out/
run: build
	./target/release/duolex analyze corpus --out $(OUT)
	@echo "Tables written to $(OUT)/: documents.csv segments.csv terms.csv vocabulary.csv keywords.csv ngrams.csv keyness.csv, and run.json"

## test: formatting, lints, docs, unit, property, doc and integration tests
## (in the release profile: the dependencies are compiled once for the tests,
## `make run` and `make bench`; the big generated inputs run fast)
test:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --locked --no-deps --workspace --quiet
	$(CARGO) test --release --locked --workspace

fmt:
	$(CARGO) fmt --all

lint:
	$(CARGO) clippy --locked --all-targets -- -D warnings

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --locked --no-deps --workspace

## eval: accuracy on labelled real text (downloads Debian documentation once)
eval:
	bash eval/run.sh

## bench: per-stage criterion benchmarks, time growth on hostile text (bench/growth.py), then speed against peers side by side (downloads data and peers once)
bench:
	$(CARGO) bench --locked --workspace
	python3 bench/growth.py
	bash bench/run.sh

clean:
	$(CARGO) clean
	rm -rf $(OUT)
