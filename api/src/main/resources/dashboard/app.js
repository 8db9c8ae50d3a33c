// ParkWatch live dashboard: polls the query API every few seconds and redraws. No dependencies, no CDN.
(function () {
  "use strict";

  var REFRESH_MS = 3000;
  var WINDOWS = [["HOUR", "This hour"], ["DAY", "Today"], ["MONTH_TO_DATE", "Month to date"], ["YEAR_TO_DATE", "Year to date"]];
  var selectedPark = null;
  // The accounting calendar's zone, as the API reports it: periods are named on it, not on the browser's clock.
  var zone = "Asia/Shanghai";
  var token = sessionStorage.getItem("parkwatch.token");

  function $(id) { return document.getElementById(id); }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  function row(cells) {
    var tr = document.createElement("tr");
    cells.forEach(function (c) { tr.appendChild(c instanceof Node ? wrap(c) : el("td", c)); });
    return tr;
  }

  function wrap(node) {
    if (node.tagName === "TD" || node.tagName === "TH") { return node; }
    var td = document.createElement("td");
    td.appendChild(node);
    return td;
  }

  function num(value, digits) {
    if (value === null || value === undefined) { return "–"; }
    return Number(value).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  function co2(t) { return t ? Number(t.co2Scope1T) + Number(t.co2Scope2LocationT) : null; }

  function clock(iso) {
    return iso ? new Date(iso).toLocaleTimeString("en-GB", { hour12: false, hour: "2-digit", minute: "2-digit" }) : "–";
  }

  function fmt(iso, options) {
    var o = { timeZone: zone };
    Object.keys(options).forEach(function (k) { o[k] = options[k]; });
    return new Date(iso).toLocaleString("en-GB", o);
  }

  // A window named by its own period, e.g. "hour 10:00, 2 Nov", "day 2 Nov", "month Nov 2026", "year 2026".
  function period(w) {
    var s = w.windowStart;
    switch (w.window) {
      case "HOUR": return "hour " + fmt(s, { hour: "2-digit", minute: "2-digit", hour12: false }) + ", "
        + fmt(s, { day: "numeric", month: "short" });
      case "DAY": return "day " + fmt(s, { day: "numeric", month: "short" });
      case "MONTH_TO_DATE": return "month " + fmt(s, { month: "short", year: "numeric" });
      case "YEAR_TO_DATE": return "year " + fmt(s, { year: "numeric" });
      default: return w.window.toLowerCase() + " " + fmt(s, {});
    }
  }

  // "This hour" only for the window the API says is current by the wall clock; any other is named by its period.
  function windowLabel(w, currentLabel) {
    return !w || w.current ? currentLabel : "latest: " + period(w);
  }

  function ApiError(status, message) { this.status = status; this.message = message; }

  function get(path) {
    var headers = { "Accept": "application/json" };
    if (token) { headers["Authorization"] = "Bearer " + token; }
    return fetch(path, { headers: headers, cache: "no-store" }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) { throw new ApiError(r.status, body.message || r.statusText); }
        return body;
      });
    });
  }

  function latest(windows, kind) {
    var found = null;
    (windows || []).forEach(function (w) {
      if (w.window === kind && (!found || w.windowStart > found.windowStart)) { found = w; }
    });
    return found;
  }

  function renderParks(parks) {
    var select = $("park-select");
    var ids = parks.items.map(function (p) { return p.parkId; });
    if (!selectedPark || ids.indexOf(selectedPark) < 0) { selectedPark = ids[0] || null; }
    if (select.options.length !== ids.length || ids.some(function (id, i) { return select.options[i].value !== id; })) {
      select.textContent = "";
      ids.forEach(function (id) { var o = el("option", id); o.value = id; select.appendChild(o); });
    }
    select.value = selectedPark || "";
  }

  function renderOverview(park) {
    if (park.calendar && park.calendar.zone) { zone = park.calendar.zone; }
    $("park-name").textContent = park.parkId + " · " + park.enterpriseCount + " enterprises";
    renderCatchUp(park);
    var body = $("overview-body");
    body.textContent = "";
    WINDOWS.forEach(function (w) {
      var t = latest(park.currentWindows, w[0]);
      var tr = row([el("th", windowLabel(t, w[1])), num(co2(t), 3), num(t && t.co2Scope2LocationT, 3), num(t && t.so2Kg, 2),
        num(t && t.codKg, 2), num(t && t.nh3nKg, 2), num(t && t.energyTce, 3), num(t && t.entryCount, 0)]);
      tr.id = "overview-" + w[0];
      body.appendChild(tr);
    });
    renderIntensities(park);
  }

  // While the history is being accounted the latest event time lags the wall clock's current hour: say how far it is.
  function renderCatchUp(park) {
    var note = $("catch-up");
    var through = park.accountedThrough, hour = park.calendar && park.calendar.currentStarts.HOUR;
    var behind = through && hour && new Date(through).getTime() < new Date(hour).getTime();
    note.hidden = !behind;
    note.textContent = behind ? "catching up: accounted through "
      + fmt(through, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hour12: false }) : "";
  }

  // The intensity a target is judged against: the window's own when it has values, otherwise the latest window an
  // IAV report covers (a month's report comes after the month).
  function intensityFor(park, kind, metric) {
    var open = latest(park.intensities, kind);
    if (open && open.values[metric] !== null && open.values[metric] !== undefined) { return open; }
    var covered = latest(park.latestCoveredIntensities, kind);
    return covered && covered.values[metric] !== null && covered.values[metric] !== undefined ? covered : open;
  }

  function intensityPeriod(i, kind) {
    if (!i) { return kind.replace(/_/g, " ").toLowerCase(); }
    var name = (i.current ? "this " : "") + period(i);
    return i.status === "PARTIAL" ? name + " (IAV for " + num(i.coveredHours, 0) + " h)" : name;
  }

  // Intensities (per 10^4 RMB of industrial added value) against the park's targets (its intensity rules).
  function renderIntensities(park) {
    var box = $("intensities");
    box.textContent = "";
    var targets = park.targets || [], intensities = park.intensities || [];
    if (!targets.length && !intensities.length) { return; }
    var table = el("table");
    table.id = "intensity-table";
    var head = document.createElement("thead");
    head.appendChild(row([el("th", "Intensity"), el("th", "Window"), el("th", "Value"), el("th", "Warning"),
      el("th", "Target"), el("th", "Status")]));
    table.appendChild(head);
    var rows = targets.length ? targets : [].concat.apply([], intensities.map(function (i) {
      return Object.keys(i.values).map(function (m) { return { metric: m, window: i.window, unit: "" }; });
    }));
    rows.forEach(function (t) {
      var i = intensityFor(park, t.window, t.metric);
      var value = i ? i.values[t.metric] : null;
      var state = value === null || value === undefined ? "PENDING"
        : (t.limit !== undefined && t.limit !== null && value > t.limit) ? "CRITICAL"
        : (t.warningLevel !== undefined && t.warningLevel !== null && value > t.warningLevel) ? "WARNING" : "OK";
      var label = state === "PENDING" ? "no added value yet" : state === "CRITICAL" ? "above target"
        : state === "WARNING" ? "near target" : "on target";
      // Two rules may judge the same metric (a national standard and a provincial guideline): name each.
      var name = el("td", t.metric, "text");
      if (t.ruleId) { name.appendChild(el("div", t.ruleId + (t.source ? " · " + t.source : ""), "message muted rule")); }
      var tr = row([name, intensityPeriod(i, t.window), num(value, 4) + " " + (t.unit || ""),
        num(t.warningLevel, 4), num(t.limit, 4), el("span", label, "status " + (state === "PENDING" ? "NO_DATA" : state))]);
      tr.setAttribute("data-metric", t.metric);
      if (t.ruleId) { tr.setAttribute("data-rule-id", t.ruleId); }
      table.appendChild(tr);
    });
    var title = el("h3", "Intensity against targets");
    box.appendChild(title);
    box.appendChild(table);
  }

  function renderChart(series) {
    var hours = 24, w = 720, h = 220, left = 44, bottom = 22, top = 10;
    var end = new Date();
    end.setMinutes(0, 0, 0);
    var start = end.getTime() - (hours - 1) * 3600e3;
    var byStart = {};
    series.points.forEach(function (p) { byStart[new Date(p.windowStart).getTime()] = p; });
    var values = [], max = 0;
    for (var i = 0; i < hours; i++) {
      var p = byStart[start + i * 3600e3];
      var v = p ? co2(p) : 0;
      values.push({ at: start + i * 3600e3, value: v, open: p && !p.closed });
      if (v > max) { max = v; }
    }
    var svgNs = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(svgNs, "svg");
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Hourly CO2 of the park over the last 24 hours");
    function add(tag, attrs, text) {
      var e = document.createElementNS(svgNs, tag);
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      if (text !== undefined) { e.textContent = text; }
      svg.appendChild(e);
      return e;
    }
    var plotH = h - bottom - top, slot = (w - left) / hours, scale = max > 0 ? plotH / max : 0;
    add("line", { x1: left, y1: top + plotH, x2: w, y2: top + plotH, "class": "axis" });
    add("line", { x1: left, y1: top, x2: left, y2: top + plotH, "class": "axis" });
    add("text", { x: left - 4, y: top + 8, "text-anchor": "end" }, num(max, 2));
    add("text", { x: left - 4, y: top + plotH, "text-anchor": "end" }, "0");
    values.forEach(function (v, i) {
      var bh = v.value * scale, x = left + i * slot + 2;
      var bar = add("rect", { x: x, y: top + plotH - bh, width: Math.max(slot - 4, 1), height: bh,
        "class": "bar" + (v.open ? " open" : ""), "data-value": v.value.toFixed(6) });
      var tip = document.createElementNS(svgNs, "title");
      tip.textContent = new Date(v.at).toLocaleString("en-GB", { hour12: false }) + ": " + num(v.value, 3) + " t";
      bar.appendChild(tip);
      if (i % 3 === 0) {
        add("text", { x: x + slot / 2, y: h - 6, "text-anchor": "middle" },
          String(new Date(v.at).getHours()).padStart(2, "0") + ":00");
      }
    });
    var box = $("chart");
    box.textContent = "";
    box.appendChild(svg);
  }

  function renderAlerts(alerts) {
    var body = $("alerts-body");
    body.textContent = "";
    $("alerts-note").textContent = "";
    alerts.items.forEach(function (a) {
      var state = a.state === "ESCALATED" ? "ESCALATED" : a.severity;
      var subject = el("td", a.subjectType.toLowerCase() + " " + a.subjectId, "text");
      subject.appendChild(el("div", a.message, "message muted"));
      var tr = row([el("span", state, "status " + state), subject, el("td", a.metric + " (" + a.window.toLowerCase() + ")", "text"),
        num(a.value, 3) + " / " + num(a.limit, 3) + " " + a.unit, clock(a.openedAt)]);
      tr.setAttribute("data-alert-id", a.alertId);
      body.appendChild(tr);
    });
    $("alert-count").textContent = String(alerts.total);
    $("alert-count").className = "badge" + (alerts.total > 0 ? " active" : "");
  }

  // A figure of a window that is not the current one carries its period, so a month-old hour never reads "this hour".
  function figure(value, digits, w) {
    var td = el("td", num(value, digits));
    if (w && !w.current) { td.appendChild(el("div", period(w), "period muted")); }
    return td;
  }

  function renderEnterprises(list) {
    var body = $("enterprises-body");
    body.textContent = "";
    list.forEach(function (e) {
      var tr = row([el("span", e.status.replace("_", " "), "status " + e.status), e.enterpriseId, el("td", e.name, "text"),
        el("td", e.sector, "text"), figure(co2(e.currentHour), 3, e.currentHour),
        figure(co2(e.currentDay), 3, e.currentDay), num(e.currentDay && e.currentDay.so2Kg, 2),
        num(e.currentDay && e.currentDay.codKg, 2), num(e.currentDay && e.currentDay.energyTce, 3)]);
      tr.setAttribute("data-enterprise-id", e.enterpriseId);
      body.appendChild(tr);
    });
  }

  // Without a full answer (an instance did not answer: 503) what was shown is no longer known: say so rather than
  // leave the last colours and alerts on screen.
  function alertsUnknown(message) {
    $("alerts-body").textContent = "";
    $("alerts-note").textContent = message;
    $("alert-count").textContent = "?";
    $("alert-count").className = "badge active";
  }

  function enterprisesUnknown() {
    Array.prototype.forEach.call(document.querySelectorAll("#enterprises-body .status"), function (s) {
      s.textContent = "UNKNOWN";
      s.className = "status UNKNOWN";
    });
  }

  function allEnterprises(page, acc) {
    return get("api/enterprises?size=500&page=" + page).then(function (r) {
      acc = acc.concat(r.items);
      return (page + 1) * r.size < r.total && page < 20 ? allEnterprises(page + 1, acc) : acc;
    });
  }

  function showError(e) {
    if (e instanceof ApiError && e.status === 401) {
      $("token-form").hidden = false;
    }
    $("error").hidden = false;
    $("error").textContent = e.message || String(e);
  }

  function refresh() {
    return get("api/parks?size=500").then(function (parks) {
      renderParks(parks);
      if (!selectedPark) { throw new Error("No park known yet: publish enterprises to the pipeline."); }
      var park = encodeURIComponent(selectedPark);
      var from = new Date(Date.now() - 24 * 3600e3).toISOString();
      return Promise.all([
        get("api/parks/" + park).then(renderOverview),
        get("api/series?subjectType=PARK&window=HOUR&id=" + park + "&from=" + from).then(renderChart),
        get("api/alerts?size=100&park=" + park).then(renderAlerts, function (e) {
          if (!(e instanceof ApiError && e.status === 503)) { throw e; }
          alertsUnknown(e.message);
        }),
        allEnterprises(0, []).then(function (list) {
          renderEnterprises(list.filter(function (e) { return e.parkId === selectedPark; }));
        }, function (e) {
          enterprisesUnknown();
          throw e;
        })
      ]);
    }).then(function () {
      $("error").hidden = true;
      $("updated").textContent = "updated " + new Date().toLocaleTimeString("en-GB", { hour12: false });
    }, showError);
  }

  function loop() {
    refresh().then(function () { setTimeout(loop, REFRESH_MS); });
  }

  $("park-select").addEventListener("change", function (ev) { selectedPark = ev.target.value; refresh(); });
  $("token-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    token = $("token-input").value;
    sessionStorage.setItem("parkwatch.token", token);
    $("token-form").hidden = true;
    refresh();
  });
  loop();
}());
