# Sourced by .ci/run and bin/local-platform: points JAVA_HOME at a JDK 21 or newer.
# Picks the newest JDK >= 21 among JAVA_HOME, the javac on the PATH and the JDKs under /usr/lib/jvm.

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1; }

orderflow_pick_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for d in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$d/bin/javac" ] && candidates+=("$d")
  done
  local best="" best_major=0 c m
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/javac" ] || continue
    m=$(java_major "$c" || echo 0)
    if [ "${m:-0}" -ge 21 ] && [ "$m" -gt "$best_major" ]; then best="$c"; best_major="$m"; fi
  done
  [ -n "$best" ] || { echo "Orderflow needs a JDK 21 or newer: none found (set JAVA_HOME)." >&2; return 1; }
  echo "$best"
}

JAVA_HOME=$(orderflow_pick_jdk) || exit 1
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
