/* Herald offline search. The index is search-index.js beside the search page, loaded with
   a <script> tag (so it works from file:// and under any sub-path). Words are normalised
   exactly as Herald's src/render/search.rs does when it builds the index. */
(function () {
  "use strict";
  var data = window.HERALD_SEARCH;
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var msgEl = document.getElementById("search-messages");
  if (!data || !form || !input || !status || !list || !msgEl) return;
  var msgs = JSON.parse(msgEl.textContent);
  form.hidden = false;

  var MARKS = /[\u0300-\u036f\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
  var PREFIXES = ["\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644", "\u0641\u0627\u0644", "\u0644\u0644", "\u0627\u0644"];
  function normalise(w) {
    var s = (w.normalize ? w.normalize("NFD") : w).toLowerCase().replace(MARKS, "");
    s = s.replace(/\u0649/g, "\u064a").replace(/\u0629/g, "\u0647").replace(/\u0671/g, "\u0627")
      .replace(/[\u0660-\u0669]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x0660 + 48); })
      .replace(/[\u06f0-\u06f9]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x06f0 + 48); });
    for (var i = 0; i < PREFIXES.length; i++) {
      var p = PREFIXES[i];
      if (s.indexOf(p) === 0) {
        if (Array.from(s).length - Array.from(p).length >= 2) s = s.slice(p.length);
        break;
      }
    }
    return s;
  }
  function words(text) {
    var out = [];
    if (window.Intl && Intl.Segmenter) {
      var seg = new Intl.Segmenter(data.lang, { granularity: "word" });
      var it = seg.segment(text)[Symbol.iterator](), r;
      while (!(r = it.next()).done) if (r.value.isWordLike) out.push(r.value.segment);
    } else {
      out = text.split(/[^\p{L}\p{M}\p{N}'\u2019]+/u);
    }
    var tokens = [];
    out.forEach(function (w) {
      w.split(/['\u2019]/).forEach(function (p) {
        var t = normalise(p);
        if (t) tokens.push(t);
      });
    });
    return tokens;
  }
  var terms = Object.keys(data.terms);

  function search(q) {
    var toks = words(q);
    if (!toks.length) return null;
    var total = null;
    toks.forEach(function (tok) {
      var scores = {};
      for (var i = 0; i < terms.length; i++) {
        if (terms[i].indexOf(tok) !== 0) continue;
        var post = data.terms[terms[i]];
        // An exact word counts more than a word it only begins.
        var boost = terms[i] === tok ? 2 : 1;
        for (var j = 0; j < post.length; j += 2) {
          scores[post[j]] = (scores[post[j]] || 0) + post[j + 1] * boost;
        }
      }
      if (total === null) {
        total = scores;
      } else {
        var next = {};
        for (var k in total) if (scores[k]) next[k] = total[k] + scores[k];
        total = next;
      }
    });
    return Object.keys(total).map(Number).sort(function (a, b) {
      return total[b] - total[a] || a - b;
    });
  }

  function countText(n) {
    var cat = "other";
    try { cat = new Intl.PluralRules(data.lang).select(n); } catch (e) { /* old browser */ }
    var m = msgs.count[cat] || msgs.count.other || "{n}";
    return m.replace("{n}", String(n));
  }

  function show(q) {
    while (list.firstChild) list.removeChild(list.firstChild);
    var hits = search(q);
    if (hits === null) { status.textContent = msgs.prompt; return; }
    status.textContent = hits.length ? countText(hits.length) : msgs.empty;
    hits.forEach(function (i) {
      var p = data.pages[i];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = p[1];
      a.textContent = p[0];
      li.appendChild(a);
      if (p[2]) {
        var s = document.createElement("p");
        s.textContent = p[2];
        li.appendChild(s);
      }
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(location.search);
  var initial = params.get("q") || (location.hash.indexOf("#q=") === 0 ? decodeURIComponent(location.hash.slice(3)) : "");
  input.value = initial;
  show(initial);
  input.addEventListener("input", function () { show(input.value); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    show(input.value);
    if (history.replaceState) {
      try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (err) { /* file:// in some browsers */ }
    }
  });
})();
