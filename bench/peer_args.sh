# Shared by bench/compare.sh and bench/explain.sh (sourced, not run): the PyTorch peer's Python,
# the common options (--threads N, --quick, and the caller's extra flags) and the torch check.
# Before sourcing, a script may set `flags` to an associative array of extra boolean flags
# (flag -> variable set to 1). After it: $root $py $threads $iters $warmup, cases=(...) and `field`.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
py=/usr/bin/python3
threads=$(nproc)
iters=10
warmup=3
cases=()
[ -n "$(declare -p flags 2>/dev/null)" ] || declare -A flags=()

# parse_bench_args NAME ARGS...: fills the settings above; unknown words are cases.
parse_bench_args() {
  local name="$1"
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --threads) threads="$2"; shift 2 ;;
      --quick) iters=3; warmup=1; shift ;;
      --smoke) iters=1; warmup=1; shift ;;
      --*)
        if [ -n "${flags[$1]+x}" ]; then
          printf -v "${flags[$1]}" 1; shift
        else
          echo "$name: unknown option $1" >&2; exit 2
        fi ;;
      *) cases+=("$1"); shift ;;
    esac
  done
  "$py" -c 'import torch, torchvision' 2>/dev/null || {
    echo "$name: $py lacks torch/torchvision; install python3-torch python3-torchvision libopenblas0-pthread" >&2
    exit 2
  }
}

# field NAME: the number after "NAME": in the JSON line on stdin.
field() { sed -n "s/.*\"$1\": *\([0-9.]*\).*/\1/p"; }
