#!/usr/bin/env bash
# CometGuard analyzer benchmark. Generates a realistic project (bench/out/project, git-ignored) and
# builds it with -p:ReportAnalyzer=true three ways: no analyzers and NetAnalyzers at AnalysisMode=All
# once each (they set the wall-time scale), NetAnalyzers + CometGuard --runs times (every analyzer
# figure comes from these); plus a project with no gateway code (--plain-files, default a fifth of
# --files: a small project is the harder case for a fixed cost). Prints medians, ratios and
# precision/recall per rule against the planted problems.
#
# Builds go through the compiler server, as `dotnet build` does by default. One untimed build with
# both analyzer sets comes first: it loads and JIT-compiles the analyzers (the SDK's NetAnalyzers
# ship precompiled, a NuGet analyzer does not), and the report prints that one-time cost apart.
# --no-server compiles each build in a fresh csc process instead (every build pays the JIT).
# --memory-runs N adds N pairs of builds (NetAnalyzers alone, then with CometGuard), each compile in a fresh csc
# process, and reports their peak resident memory (/usr/bin/time, Debian package `time`). A compiler server keeps
# its memory between builds, so its peak says nothing about one build. Off by default: each pair takes about
# 4 minutes at the default size.
#
#   bench/run.sh [--files N] [--runs R] [--gateway-percent P] [--seed S] [--plain-files N] [--no-plain] [--no-server] [--memory-runs N]
#   bench/run.sh --files 60 --runs 1 --memory-runs 1     # the small size CI runs (about two minutes)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
files=1500
runs=3
gateway=4
seed=20261125
plain=1
plain_files=
server=true
memory_runs=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --files) files=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --gateway-percent) gateway=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --plain-files) plain_files=$2; shift 2 ;;
    --no-plain) plain=0; shift ;;
    --no-server) server=false; shift ;;
    --memory-runs) memory_runs=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

if [[ $memory_runs -gt 0 && ! -x /usr/bin/time ]]; then
  echo "--memory-runs needs /usr/bin/time (Debian package: time)" >&2
  exit 2
fi
plain_files=${plain_files:-$(( files / 5 > 20 ? files / 5 : 20 ))}
out="$root/bench/out"
logs="$out/logs"
rm -rf "$logs" "$out/analyzers"
mkdir -p "$logs" "$out/analyzers"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== building the generator and CometGuard.Analyzers (Release)"
dotnet build "$root/bench/CometGuard.Bench/CometGuard.Bench.csproj" -c Release -nologo -v:q -clp:ErrorsOnly
dotnet build "$root/CometGuard.Analyzers/CometGuard.Analyzers.csproj" -c Release -nologo -v:q -clp:ErrorsOnly
# A private copy: the benchmark never loads the analyzer from a folder another build rewrites.
cp "$root/CometGuard.Analyzers/bin/Release/netstandard2.0/CometGuard.Analyzers.dll" "$out/analyzers/"
analyzer="$out/analyzers/CometGuard.Analyzers.dll"
bench=(dotnet "$root/bench/CometGuard.Bench/bin/Release/net10.0/CometGuard.Bench.dll")

echo "== generating $files files (gateway $gateway%, seed $seed)"
"${bench[@]}" generate --out "$out/project" --files "$files" --gateway-percent "$gateway" --seed "$seed"
dotnet restore "$out/project/Contoso.Bench.csproj" -nologo -v:q
if [[ $plain == 1 ]]; then
  "${bench[@]}" generate --out "$out/plain" --files "$plain_files" --gateway-percent 0 --seed "$seed"
  dotnet restore "$out/plain/Contoso.Bench.csproj" -nologo -v:q
fi

common=(--no-restore --no-incremental -nologo -v:q -clp:ErrorsOnly -nodeReuse:false
        -p:UseSharedCompilation=$server -p:ReportAnalyzer=true)
netanalyzers=(-p:EnableNETAnalyzers=true -p:AnalysisMode=All)

# quietly CONSOLE NAME COMMAND...: runs COMMAND with its output in CONSOLE; on failure shows the tail and stops.
quietly() {
  local console=$1 name=$2; shift 2
  "$@" > "$console" 2>&1 || { echo "build $name failed, see $console" >&2; tail -20 "$console" >&2; exit 1; }
}

# build NAME RUN PROJECT ARGS...: one timed full rebuild with a detailed log for the report.
build() {
  local name=$1 run=$2 project=$3; shift 3
  local log="$logs/$name-$run.log" start end seconds
  start=$(date +%s%N)
  quietly "$logs/$name-$run.console" "$name" dotnet build "$project" "${common[@]}" "-flp:v=d;logfile=$log" "$@"
  end=$(date +%s%N)
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  printf '%s\t%s\t%s\n' "$name" "$run" "$seconds" >> "$logs/times.tsv"
  printf '   %-14s run %s: %8s s\n' "$name" "$run" "$seconds"
}

started=$SECONDS
project="$out/project/Contoso.Bench.csproj"
warmup_project=$project
[[ $plain == 1 ]] && warmup_project="$out/plain/Contoso.Bench.csproj"
if [[ $server == true ]]; then
  # A fresh server, so the warm-up build is the one that loads and JIT-compiles the analyzers. It builds
  # the small project without gateway code: the one-time cost shows without a full large build.
  dotnet build-server shutdown --vbcscompiler > /dev/null 2>&1 || true
  echo "== warm-up build (compiler server start, analyzers loaded and JIT-compiled; reported apart)"
  build warmup 1 "$warmup_project" "${netanalyzers[@]}" -p:CometGuard=true "-p:CometGuardAnalyzer=$analyzer"
fi
echo "== building $runs time(s) each way"
for run in $(seq 1 "$runs"); do
  # The builds without CometGuard only set the wall-time scale: every CometGuard figure and the NetAnalyzers
  # median come from the NetAnalyzers + CometGuard builds. Once each keeps the default size well under 10 minutes.
  if [[ $run == 1 ]]; then
    build none "$run" "$project" -p:RunAnalyzers=false -p:EnableNETAnalyzers=false
    build netanalyzers "$run" "$project" "${netanalyzers[@]}"
  fi
  build cometguard "$run" "$project" "${netanalyzers[@]}" -p:CometGuard=true "-p:CometGuardAnalyzer=$analyzer"
done
if [[ $plain == 1 ]]; then
  # As many runs as the large project: a single small build is at the mercy of one garbage collection.
  for run in $(seq 1 "$runs"); do
    build plain "$run" "$out/plain/Contoso.Bench.csproj" "${netanalyzers[@]}" -p:CometGuard=true "-p:CometGuardAnalyzer=$analyzer"
  done
fi

# measure NAME RUN ARGS...: one full rebuild of the large project in a fresh csc process; records its peak memory.
measure() {
  local name=$1 run=$2; shift 2
  local kb="$logs/memory-$name-$run.kb"
  quietly "$logs/memory-$name-$run.console" "$name" /usr/bin/time -f %M -o "$kb" dotnet build "$project" "${common[@]}" -p:UseSharedCompilation=false "$@"
  printf '%s\t%s\t%s\n' "$name" "$run" "$(tail -1 "$kb")" >> "$logs/memory.tsv"
  printf '   %-14s run %s: %8s MB peak\n' "$name" "$run" "$(( $(tail -1 "$kb") / 1024 ))"
}

if [[ $memory_runs -gt 0 ]]; then
  echo "== peak memory: $memory_runs pair(s), each compile in a fresh csc process"
  for run in $(seq 1 "$memory_runs"); do
    # Alternate which goes first, so a machine that drifts one way over the pairs does not favour either.
    if (( run % 2 == 1 )); then measure netanalyzers "$run" "${netanalyzers[@]}"; fi
    measure cometguard "$run" "${netanalyzers[@]}" -p:CometGuard=true "-p:CometGuardAnalyzer=$analyzer"
    if (( run % 2 == 0 )); then measure netanalyzers "$run" "${netanalyzers[@]}"; fi
  done
fi

echo "== builds took $(( SECONDS - started )) s"
if [[ $server == true ]]; then dotnet build-server shutdown --vbcscompiler > /dev/null 2>&1 || true; fi
"${bench[@]}" report --logs "$logs" --manifest "$out/project/planted.json" | tee "$out/report.txt"

# The same project analysed in this process, one analyzer thread, with the references the build used: each rule's own
# cost without other analyzers or the compiler server around it, and CG0012 with its settings files read from disk (as
# the compiler reads additional files, on first use) and already in memory.
grep -o '/reference:[^ ]*' "$logs/cometguard-1.log" | sed 's#^/reference:##' | sort -u > "$logs/references.txt"
if [[ -s $logs/references.txt ]]; then
  echo
  echo "== in-process analysis (bench inprocess)"
  "${bench[@]}" inprocess --project "$out/project" --references "$logs/references.txt" --analyzers "$analyzer" --rounds 3 | tee -a "$out/report.txt"
fi
