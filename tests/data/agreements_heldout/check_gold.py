"""Sanity check for this folder: cues are verbatim substrings of the bodies, YAML loads, kinds and statuses
are from the codebook lists, every gold entry has its .txt file. Prints the required-agreement counts."""
import yaml, glob, os, re, collections, datetime
d = os.path.dirname(os.path.abspath(__file__))
KINDS = {'ceasefire','truce','humanitarian_pause','prisoner_exchange','peace_agreement','framework','extension','other'}
STAT = {'proposed','negotiating','agreed','declared','in_force','suspended','ended','rejected','planned'}
errs = []; files_in_gold = set(); kinds = collections.Counter(); stats = collections.Counter(); nreq = 0
for g in sorted(glob.glob(f'{d}/gold-*.yaml')):
    data = yaml.safe_load(open(g))
    for a in data:
        f = a['file']; files_in_gold.add(f)
        p = os.path.join(d, f)
        if not os.path.exists(p): errs.append(f'missing {f}'); continue
        raw = open(p).read()
        head, body = raw.split('\n\n', 1)
        h = dict(l.split(': ', 1) for l in head.splitlines())
        if str(a['published']) != h['PUBLISHED']: errs.append(f'{f}: published mismatch')
        if not (700 <= len(body.strip()) <= 1400): errs.append(f'{f}: body length {len(body.strip())}')
        for k in ('conflict','actors','non_actors','events','agreements'):
            if k not in a: errs.append(f'{f}: no {k}')
        for ac in a['actors']:
            if 'country' not in ac or 'sector' not in ac: errs.append(f'{f}: actor {ac}')
        for ag in a['agreements']:
            if ag['cue'] not in body: errs.append(f'{f}: cue not in body: {ag["cue"]!r}')
            if ag['kind'] not in KINDS: errs.append(f'{f}: kind {ag["kind"]}')
            if ag['status'] not in STAT: errs.append(f'{f}: status {ag["status"]}')
            for s in ag.get('status_also_ok') or []:
                if s not in STAT: errs.append(f'{f}: status_also_ok {s}')
            if ag['status'] == 'ended' and not ag.get('end_reason'): errs.append(f'{f}: ended without end_reason')
            for k in ('date','effective_from','ended'):
                v = ag.get(k)
                for x in (v if isinstance(v, list) else [v]):
                    if x is not None and not isinstance(x, datetime.date): errs.append(f'{f}: {k}={x!r}')
            if 'required' not in ag: errs.append(f'{f}: no required')
            if ag.get('required'):
                nreq += 1; kinds[ag['kind']] += 1; stats[ag['status']] += 1
txts = {os.path.basename(x) for x in glob.glob(f'{d}/*.txt')}
if txts != files_in_gold: errs.append(f'txt/gold mismatch: {txts ^ files_in_gold}')
print('errors:', errs or 'none')
print('articles', len(files_in_gold), 'required agreements', nreq)
print('by kind', dict(kinds.most_common()))
print('by status', dict(stats.most_common()))
