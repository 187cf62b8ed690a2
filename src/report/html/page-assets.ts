// The report page's own stylesheet and script: constant text, so their CSP hashes never change between reports.
import { createHash } from 'node:crypto';

/** The Content-Security-Policy source (`sha256-…`) that allows exactly this inline style or script. */
export function cspHash(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

export const STYLE = `
:root{--fg:#1d2330;--muted:#5b6475;--line:#d9dde5;--bg:#f6f7f9;--card:#fff;--critical:#b3261e;--error:#d9622b;--warning:#c99a06;--info:#3b6fb6;--ok:#2e7d32}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header.top{background:#1d2330;color:#fff;padding:18px 28px}
header.top h1{margin:0;font-size:22px}
header.top p{margin:4px 0 0;color:#c9cfdb}
main{max-width:1200px;margin:0 auto;padding:20px 28px 40px}
section{margin:0 0 26px}
h2{font-size:18px;margin:0 0 12px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.card .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.card .v{font-size:22px;font-weight:600;margin-top:2px}
.card .s{color:var(--muted);font-size:12px}
.risk-high .v{color:var(--critical)}.risk-medium .v{color:var(--warning)}.risk-low .v{color:var(--ok)}
.panel{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:12px}
figure.chart{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
figure.chart figcaption{font-weight:600;margin-bottom:6px}
figure.chart svg text{font-size:12px;fill:var(--fg)}
figure.chart svg text.value{fill:var(--muted)}
table{border-collapse:collapse;width:100%;background:var(--card)}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#eef0f4;font-size:12px;text-transform:uppercase;letter-spacing:.03em;white-space:nowrap}
th[data-sort]{cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
#findings{table-layout:fixed}
#findings th:nth-child(1){width:92px}#findings th:nth-child(2){width:150px}#findings th:nth-child(3){width:160px}#findings th:nth-child(4){width:190px}#findings th:nth-child(6){width:70px}#findings th:nth-child(7){width:80px}
td.num{text-align:right;white-space:nowrap}
.sev{display:inline-block;border-radius:10px;padding:0 8px;color:#fff;font-size:12px;font-weight:600}
.sev-critical{background:var(--critical)}.sev-error{background:var(--error)}.sev-warning{background:var(--warning)}.sev-info{background:var(--info)}
.rec{color:var(--muted);margin-top:3px}
td code{word-break:break-all}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
pre.excerpt,pre.details{background:#f3f4f7;border:1px solid var(--line);border-radius:6px;padding:6px 8px;overflow:auto;margin:6px 0 0;white-space:pre}
pre.excerpt .hit{background:#fff1c2;display:inline-block;min-width:100%}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin-bottom:10px}
.filters input[type=search]{min-width:260px;padding:5px 8px;border:1px solid var(--line);border-radius:6px}
.filters select{padding:5px;border:1px solid var(--line);border-radius:6px}
#shown{color:var(--muted)}
ul.blockers{margin:0;padding-left:18px}
ul.blockers li{margin:4px 0}
ul.rolled{margin:4px 0 0;padding-left:18px}
ul.rolled li{margin:4px 0}
tr.action .msg{font-weight:600}
.muted{color:var(--muted)}
.spaced{margin-top:12px}
.governance td,.governance th{font-size:13px}
@page{size:A4;margin:14mm 12mm}
@media print{
  body{background:#fff;font-size:11px}
  header.top{background:#fff;color:#000;border-bottom:2px solid #000;padding:0 0 8px}
  header.top p{color:#333}
  main{max-width:none;padding:10px 0}
  .filters{display:none}
  .card,.panel,figure.chart{break-inside:avoid}
  /* Browsers drop backgrounds when printing by default, leaving the badges' white text on white. */
  .sev{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  tr{break-inside:avoid}
  thead{display:table-header-group}
  /* A4 is ~720 px wide: the screen's fixed pixel columns would leave Finding one character wide. Share the width
     in percentages, the finding getting the most; code excerpts and diffs stay in the HTML file (a PDF of every
     excerpt runs to hundreds of pages). */
  #findings{font-size:9.5px}
  #findings th,#findings td{padding:3px 4px}
  /* Narrow printed columns: headers wrap instead of running into the next one ("SEVERITYRULE"). */
  #findings th{white-space:normal;letter-spacing:0;font-size:8px}
  #findings .sev{white-space:nowrap}
  #findings th:nth-child(1){width:10%}#findings th:nth-child(2){width:14%}#findings th:nth-child(3){width:11%}
  #findings th:nth-child(4){width:16%}#findings th:nth-child(5){width:35%}#findings th:nth-child(6){width:7%}
  #findings th:nth-child(7){width:7%}
  #findings code,#findings .sev{font-size:9px}
  details.code,details.more{display:none}
  tr[hidden]{display:table-row}
  section.charts-section{break-before:page}
}
`;

export const SCRIPT = `
(function(){
  var table=document.getElementById('findings');
  if(!table)return;
  var body=table.tBodies[0];
  var rows=Array.prototype.slice.call(body.rows);
  var sev=document.getElementById('f-severity'),cat=document.getElementById('f-category'),text=document.getElementById('f-text'),shown=document.getElementById('shown');
  function apply(){
    var s=sev.value,c=cat.value,t=text.value.trim().toLowerCase(),n=0;
    for(var i=0;i<rows.length;i++){
      var r=rows[i];
      var ok=(!s||r.getAttribute('data-severity')===s)&&(!c||r.getAttribute('data-category')===c)&&(!t||r.textContent.toLowerCase().indexOf(t)>=0);
      if(r.hidden===ok)r.hidden=!ok;if(ok)n++;
    }
    shown.textContent=n+' of '+rows.length+' rows shown';
  }
  sev.addEventListener('change',apply);cat.addEventListener('change',apply);text.addEventListener('input',apply);
  var heads=table.tHead.rows[0].cells;
  for(var h=0;h<heads.length;h++)(function(th,index){
    if(!th.hasAttribute('data-sort'))return;
    th.addEventListener('click',function(){
      var dir=th.getAttribute('aria-sort')==='ascending'?'descending':'ascending';
      for(var k=0;k<heads.length;k++)heads[k].removeAttribute('aria-sort');
      th.setAttribute('aria-sort',dir);
      var numeric=th.getAttribute('data-sort')==='number',sign=dir==='ascending'?1:-1;
      rows.sort(function(a,b){
        var x=a.cells[index].getAttribute('data-value')||a.cells[index].textContent,y=b.cells[index].getAttribute('data-value')||b.cells[index].textContent;
        if(numeric)return sign*((parseFloat(x)||0)-(parseFloat(y)||0));
        return sign*x.localeCompare(y);
      });
      for(var j=0;j<rows.length;j++)body.appendChild(rows[j]);
    });
  })(heads[h],h);
  apply();
  document.documentElement.setAttribute('data-ready','1');
})();
`;
