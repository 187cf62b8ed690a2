// The dashboard's own stylesheet and script: constant text, allowed by their CSP hashes; no network, no CDN.

export const DASHBOARD_STYLE = `
:root{--fg:#1d2330;--muted:#5b6475;--line:#dfe3ea;--bg:#f4f5f8;--card:#fff;--head:#1d2330;--critical:#b3261e;--error:#d9622b;--warning:#b88a00;--info:#3b6fb6;--ok:#2e7d32;--accent:#2f5fb3}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header.top{background:var(--head);color:#fff;padding:14px 28px;display:flex;align-items:baseline;gap:18px;flex-wrap:wrap}
header.top h1{margin:0;font-size:20px;letter-spacing:.01em}
header.top .sub{color:#c2c9d6;font-size:13px}
main{padding:18px 28px 40px;max-width:1560px;margin:0 auto}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin-bottom:18px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px}
.card .k{color:var(--muted);font-size:11px;text-transform:uppercase;letter-spacing:.05em}
.card .v{font-size:24px;font-weight:650;margin-top:2px}
.card.bad .v{color:var(--critical)}.card.warn .v{color:var(--warning)}.card.good .v{color:var(--ok)}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin-bottom:10px;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 12px}
.filters label{font-size:12px;color:var(--muted);display:flex;gap:6px;align-items:center}
.filters input[type=search]{min-width:240px;padding:5px 8px;border:1px solid var(--line);border-radius:6px;font:inherit}
.filters select{padding:4px 6px;border:1px solid var(--line);border-radius:6px;font:inherit;color:var(--fg)}
#shown{margin-left:auto;color:var(--muted);font-size:12px}
table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line);border-radius:8px}
th,td{border-bottom:1px solid var(--line);padding:7px 8px;text-align:left;vertical-align:top}
th{background:#eceff4;font-size:11px;text-transform:uppercase;letter-spacing:.04em;white-space:nowrap;color:#3b4354}
th[data-sort]{cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
tr.store:hover td{background:#f8f9fc}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.name button{border:0;background:none;font:inherit;font-weight:600;color:var(--accent);cursor:pointer;padding:0;text-align:left}
td.name .muted{font-weight:400}
.muted{color:var(--muted)}
.pill{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;white-space:nowrap}
.pill.bad{background:#fbe3e1;color:var(--critical)}.pill.warn{background:#fff3cd;color:#7a5b00}.pill.good{background:#e3f3e4;color:var(--ok)}.pill.none{background:#eceff4;color:var(--muted)}
.sev{display:inline-block;min-width:26px;text-align:center;border-radius:9px;padding:0 5px;color:#fff;font-size:11.5px;font-weight:600;margin-right:2px}
.sev-critical{background:var(--critical)}.sev-error{background:var(--error)}.sev-warning{background:var(--warning)}.sev-info{background:var(--info)}
.sev.zero{background:#e4e7ee;color:#8a92a3}
.move{max-width:340px}
.move .why{color:var(--muted);font-size:12px;margin-top:2px}
svg.spark{vertical-align:middle}
svg.spark polyline{fill:none;stroke:var(--accent);stroke-width:1.6}
svg.spark circle{fill:var(--accent)}
.delta{font-size:12px;margin-left:4px}.delta.up{color:var(--critical)}.delta.down{color:var(--ok)}
tr.detail td{background:#fafbfd;padding:12px 16px}
.detail-grid{display:grid;grid-template-columns:minmax(0,1.3fr) minmax(0,1fr) minmax(0,1.3fr);gap:20px}
td.sevs,td.nowrap{white-space:nowrap}
.detail-grid h3{font-size:13px;margin:0 0 6px}.detail-grid h3.spaced{margin-top:14px}
.detail-grid ul{margin:0;padding-left:18px}
.detail-grid li{margin:3px 0}
table.runs{border:0}
table.runs th,table.runs td{padding:4px 6px;font-size:12.5px}
a{color:var(--accent)}
.tags{margin-top:3px}.tag{display:inline-block;background:#e8eefb;color:#2f4f8f;border-radius:4px;padding:0 5px;margin:0 3px 2px 0;font-size:11px}
.problems{background:#fff3cd;border:1px solid #f0d98c;border-radius:8px;padding:8px 12px;margin-bottom:12px}
.empty{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:24px;text-align:center}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
`;

export const DASHBOARD_SCRIPT = `
(function(){
  var table=document.getElementById('stores');
  if(!table){document.documentElement.setAttribute('data-ready','1');return;}
  var body=table.tBodies[0];
  var rows=Array.prototype.slice.call(body.querySelectorAll('tr.store'));
  var detailOf=function(r){return document.getElementById('detail-'+r.getAttribute('data-id'));};
  var q=document.getElementById('f-text'),ed=document.getElementById('f-edition'),st=document.getElementById('f-status'),su=document.getElementById('f-support'),shown=document.getElementById('shown');
  var tg=document.getElementById('f-tag')||{value:'',addEventListener:function(){}};
  var params=new URLSearchParams(location.search);
  if(params.get('q'))q.value=params.get('q');
  [[ed,'edition'],[st,'status'],[su,'support'],[tg,'tag']].forEach(function(p){var v=params.get(p[1]);if(v!==null)p[0].value=v;});
  function apply(){
    var text=q.value.trim().toLowerCase(),n=0;
    rows.forEach(function(r){
      var ok=(!text||r.getAttribute('data-text').indexOf(text)>=0)&&(!ed.value||r.getAttribute('data-edition')===ed.value)&&
        (!su.value||r.getAttribute('data-support')===su.value)&&(!tg.value||(' '+r.getAttribute('data-tags')+' ').indexOf(' '+tg.value+' ')>=0)&&(!st.value||(' '+r.getAttribute('data-status')+' ').indexOf(' '+st.value+' ')>=0);
      r.hidden=!ok;var d=detailOf(r);if(d&&!ok)d.hidden=true;if(ok)n++;
    });
    shown.textContent=n+' of '+rows.length+' stores shown';
    var s=new URLSearchParams();if(q.value)s.set('q',q.value);if(ed.value)s.set('edition',ed.value);if(st.value)s.set('status',st.value);if(su.value)s.set('support',su.value);if(tg.value)s.set('tag',tg.value);
    var u=location.pathname+(s.toString()?'?'+s.toString():'');history.replaceState(null,'',u);
  }
  [q,ed,st,su,tg].forEach(function(el){el.addEventListener('input',apply);el.addEventListener('change',apply);});
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
    var kind=th.getAttribute('data-sort');if(!kind)return;
    th.addEventListener('click',function(){
      var asc=th.getAttribute('aria-sort')!=='ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells,function(c){c.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',asc?'ascending':'descending');
      var key=function(r){var c=r.cells[i];var v=c.getAttribute('data-value');if(v===null)v=c.textContent.trim();return v;};
      rows.sort(function(a,b){
        var x=key(a),y=key(b),d;
        if(x===''||y==='')return x===y?0:x===''?1:-1;
        if(kind==='number'){d=parseFloat(x)-parseFloat(y);if(isNaN(d))d=0;}
        else d=x.localeCompare(y);
        return asc?d:-d;
      });
      rows.forEach(function(r){body.appendChild(r);var d=detailOf(r);if(d)body.appendChild(d);});
    });
  });
  rows.forEach(function(r){
    var b=r.querySelector('td.name button');if(!b)return;
    b.addEventListener('click',function(){var d=detailOf(r);if(!d)return;d.hidden=!d.hidden;b.setAttribute('aria-expanded',String(!d.hidden));});
  });
  apply();
  document.documentElement.setAttribute('data-ready','1');
})();
`;
