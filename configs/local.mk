# configs: scenario files and workload patterns (data, shipped as is).
EXTRA_DIST += configs/quickstart.ini configs/stairs.ini configs/stairs.masim \
	configs/zipf.ini configs/lackey-sort.ini configs/record-sort.sh \
	configs/compare-stationary.ini configs/compare-moving.ini \
	configs/compare-lackey.ini configs/damos-stat.ini
