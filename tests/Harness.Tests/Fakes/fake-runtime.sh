#!/bin/sh
# FAKE runtime, a test double for the harness's own process handling. It runs no sandbox and measures nothing.
# usage: fake-runtime.sh ready-exit CODE | hang | noready | spam BYTES | hostile
case "$1" in
  ready-exit) echo "SBW-READY fake"; echo 'SBW-RESULT {"workload":"fake","parameters":{},"metrics":[{"name":"x","unit":"u","value":1}],"cpu_user_ms":0,"cpu_sys_ms":0,"max_rss_kb":1,"wall_ms":1}'; echo "fake stderr line" >&2; exit "$2" ;;
  hang) echo "SBW-READY fake"; exec sleep 600 ;;
  noready) echo "no marker here"; exit 0 ;;
  spam) echo "SBW-READY fake"; head -c "$2" /dev/zero | tr '\0' 'A'; echo; exit 0 ;;
  hostile) printf 'SBW-READY fake\n\033[31mred\033[0m\nSBW-RESULT {"workload":"=cmd|calc","parameters":{},"metrics":[{"name":"@x","unit":"u","value":1e400}],"cpu_user_ms":0,"cpu_sys_ms":0,"max_rss_kb":1,"wall_ms":1}\n'; exit 0 ;;
esac
exit 99
