// Oracle: shields metric() as in docs/spec.md 5.2 with real JS toFixed/Math.round,
// and TAL's header total via Intl.NumberFormat en compact (the real API).
const P = ['k','M','G','T','P','E'];
function metric(n){ for(let i=P.length-1;i>=0;i--){ const lim=Math.pow(1000,i+1); if(n>=lim){ const x=n/lim;
 if(x<10){ const s=x.toFixed(1); if(s.charAt(s.length-1)!=='0') return s+P[i]; }
 const r=Math.round(x); return r<1000? `${r}${P[i]}` : `1${P[i+1]}`; } } return `${n}`; }
const f = new Intl.NumberFormat('en', {notation:'compact'});
const set = new Set();
for (let n=0;n<=12000;n+=1) if (n<1100 || n%10==0 || n%97==3) set.add(n);
for (let n=12000;n<=2000000;n+=50) if (n%50==0 && (n<110000 || n%5000==0 || n%50000==950)) set.add(n);
for (const b of [1e6,1e7,1e9,1e12]) for (let k=-3000;k<=3000;k+=50) if (b+k*b/2e4>=0) set.add(b+k*b/2e4);
for (const n of [999499,999500,999949,999950,9950000,9949999,1050000,1250000,1450000,1550000,2345678901]) set.add(n);
const out=[...set].sort((a,b)=>a-b).map(n=>`${n} ${metric(n)} ${f.format(n)}`);
console.log(out.join('\n'));
