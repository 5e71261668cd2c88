#!/usr/bin/env bash
# State compatibility across builds: a catch-up run over the dr22 fixture cut at CUT with an older checkout's
# launcher (e.g. a `git worktree add /tmp/old <commit>`), then the next catch-up run with this checkout on the same
# --state-dir (restoring the older build's savepoint), then a bounded run over everything with this checkout.
# Passes if the two nights publish the bounded run's operations and files byte for byte and the chain verifies.
# Usage: scripts/state-compat.sh OLD_CHECKOUT [WORK_DIR]
set -euo pipefail
OLD=$(cd "${1:?usage: scripts/state-compat.sh OLD_CHECKOUT [WORK_DIR]}" && pwd); NEW=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
W=${2:-$(mktemp -d)}; CUT=1795500750
FIX=$NEW/fixtures/gluster-10.3/dr22-ascii
rm -rf "$W"; mkdir -p "$W"; cp -a "$FIX/bricks" "$W/bricks"
for b in b1 b2 b3 b4; do
  h=$(ls $W/bricks/$b/.glusterfs/changelogs/htime/HTIME.*); cp $h $W/htime-$b
  python3 - "$h" $CUT <<'PY'
import sys
p,cut=sys.argv[1],int(sys.argv[2])
es=[e for e in open(p,'rb').read().split(b'\0') if e]
open(p,'wb').write(b''.join(e+b'\0' for e in es if int(e[e.rindex(b'.')+1:])<=cut))
PY
done
args=(--window 5s --progress-interval 0s --emit-events --volume-info $FIX/volume-info.xml --brick-map /srv/gl/dr22=$W/bricks)
(cd $OLD && ./gnotify run --catch-up "${args[@]}" --output $W/nightly/out --state-dir $W/nightly/state --summary-json $W/night1.json)
for b in b1 b2 b3 b4; do cp $W/htime-$b $(ls $W/bricks/$b/.glusterfs/changelogs/htime/HTIME.*); done
(cd $NEW && ./gnotify run --catch-up "${args[@]}" --output $W/nightly/out --state-dir $W/nightly/state --summary-json $W/night2.json)
(cd $NEW && ./gnotify run --bounded "${args[@]}" --output $W/whole/out --state-dir $W/whole/state --summary-json $W/whole.json)
(cd $NEW && ./gnotify verify $W/nightly/out)
python3 - $W <<'PY'
import sys,os,json
w=sys.argv[1]
n1,n2,wh=[json.load(open(f"{w}/{f}.json")) for f in ("night1","night2","whole")]
print("operations: night1 %d + night2 %d = %d; whole %d" % (n1["operations"], n2["operations"], n1["operations"]+n2["operations"], wh["operations"]))
bad=0; same=0
for kind in ("manifests","events"):
    d=f"{w}/nightly/out/dr22/{kind}"
    for f in sorted(os.listdir(d)):
        a=open(f"{d}/{f}","rb").read(); p=f"{w}/whole/out/dr22/{kind}/{f}"
        if os.path.exists(p):
            if open(p,"rb").read()==a: same+=1
            else: bad+=1; print("DIFFERENT", kind, f)
        elif a: bad+=1; print("ONLY NIGHTLY, not empty", kind, f)
print("files identical to the bounded run's: %d, different: %d" % (same,bad))
sys.exit(1 if bad or n1["operations"]+n2["operations"]!=wh["operations"] else 0)
PY
