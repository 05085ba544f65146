#!/usr/bin/env bash
# Runs CometGuard over existing projects without editing them: each project is built with the analyzer added through
# CustomAfterMicrosoftCommonTargets, and the CometGuard diagnostics are printed once each, then counted per rule.
# This is how the README's "precision on real code" figures were taken (every diagnostic then read by hand).
#
#   bench/realcode.sh PROJECT_OR_SOLUTION...
#   bench/realcode.sh ~/src/openai-dotnet/examples/OpenAI.Examples.csproj
#   bench/realcode.sh --corpus DIR [--set A|B]     # the projects bench/realcode-corpus.tsv lists, under DIR/<owner>__<name>/
#
# Compile errors in the projects (a package version this machine cannot restore) are counted and reported: code
# that does not bind is analysed less, so a project with many errors says little about recall.
set -euo pipefail

corpus=
set_filter=
projects=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --corpus) corpus=$2; shift 2 ;;
    --set) set_filter=$2; shift 2 ;;
    *) projects+=("$1"); shift ;;
  esac
done

if [[ -z $corpus && ${#projects[@]} -eq 0 ]]; then
  echo "usage: bench/realcode.sh PROJECT_OR_SOLUTION... | --corpus DIR [--set A|B]" >&2
  exit 2
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build "$root/CometGuard.Analyzers/CometGuard.Analyzers.csproj" -c Release -nologo -v:q -clp:ErrorsOnly > /dev/null
cp "$root/CometGuard.Analyzers/bin/Release/netstandard2.0/CometGuard.Analyzers.dll" "$work/"
cat > "$work/cometguard.targets" <<EOF
<Project>
  <PropertyGroup>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <Analyzer Include="$work/CometGuard.Analyzers.dll" />
  </ItemGroup>
  <!-- What the package does in a consumer: the configuration files CG0012 reads become AdditionalFiles. -->
  <Import Project="$root/CometGuard.Package/build/CometGuard.props" />
  <Import Project="$root/CometGuard.Package/build/CometGuard.targets" />
</Project>
EOF

: > "$work/diagnostics.txt"
# Each entry: project path, then its extra build arguments and the global.json to move aside (or "-").
entries=()
for project in "${projects[@]}"; do
  entries+=("$project|-|-")
done

if [[ -n $corpus ]]; then
  while IFS=$'\t' read -r set repo commit flags paths; do
    [[ -z $set || $set == \#* ]] && continue
    [[ -n $set_filter && $set != "$set_filter" ]] && continue
    dir="$corpus/${repo/\//__}"
    if [[ ! -d $dir ]]; then
      echo "missing $dir: fetch $repo at $commit there first" >&2
      exit 2
    fi

    extra=-
    aside=-
    for flag in ${flags//,/ }; do
      case "$flag" in
        tfm=*) extra="-p:TargetFramework=${flag#tfm=}" ;;
        nowarn=*) extra="-p:NoWarn=${flag#nowarn=}" ; extra=${extra//+/%3B} ;;
        global-json) aside="$dir/global.json" ;;
      esac
    done
    for path in $paths; do
      entries+=("$dir/$path|$extra|$aside")
    done
  done < "$root/bench/realcode-corpus.tsv"
fi

for entry in "${entries[@]}"; do
  IFS='|' read -r project extra aside <<< "$entry"
  echo "== $project"
  args=()
  [[ $extra != - ]] && args+=("$extra")
  # A repository that pins an older SDK: its global.json is set aside for the build only.
  [[ $aside != - && -f $aside ]] && mv "$aside" "$aside.cometguard-aside"
  # --no-incremental: an up-to-date project would not run the analyzers at all.
  dotnet build "$project" --no-incremental -nologo -v:q -clp:NoSummary "-p:CustomAfterMicrosoftCommonTargets=$work/cometguard.targets" "${args[@]}" \
    > "$work/build.log" 2>&1 || true
  [[ $aside != - && -f $aside.cometguard-aside ]] && mv "$aside.cometguard-aside" "$aside"
  # One line per diagnostic: drop the project suffix and the help link, and the copies multi-targeting prints.
  grep -E ": (warning|error) CG[0-9]{4}:" "$work/build.log" | sed -E 's/ \[[^]]*\]$//; s/ \(https?:[^)]*\)//' | sort -u | tee -a "$work/diagnostics.txt" || true
  errors=$(grep -cE ": error (CS|NU)[0-9]+:" "$work/build.log" || true)
  [[ $errors == 0 ]] || echo "   ($errors compile or restore error lines in this build)"
done

echo
echo "== CometGuard diagnostics per rule"
grep -oE "(warning|error) CG[0-9]{4}" "$work/diagnostics.txt" | awk '{ print $2 }' | sort | uniq -c | awk '{ printf "  %s %5d\n", $2, $1 }'
echo "  all    $(wc -l < "$work/diagnostics.txt")"
