#!/bin/sh
# fetchmail MDA for tests: stores each message it is handed as the next numbered file in $1.
dir="$1"
n=$(ls "$dir" | wc -l)
exec cat > "$dir/$(printf '%05d' "$n").eml"
