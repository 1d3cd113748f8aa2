// A Plotly chart that stays mounted while its figure changes (issue 14).
//
// Streamlit's own st.plotly_chart keys the chart by a hash of its figure, so every
// slider move unmounted the chart and drew it anew (~85 ms of the browser's ~105 ms
// per move). This component keeps one <div> per chart key and hands each new figure
// to Plotly (animate when only the traces moved, react otherwise), which updates only
// what changed. plotly.js is the copy shipped in
// the Python plotly package, served by this app's own server (ui/live_chart.py); the
// page fetches nothing from anywhere else.
//
// data: the UTF-8 bytes of {figure: "<figure JSON>", label: "<the chart, in words>",
//       src: {gz: "<plotly.min.js.gz under the app's root>" or null, plain: "<plotly.min.js>"},
//       config: {...}}.

const CLASS = "matchplan-live-chart";

function appRoot() {
  // Streamlit's own bundle is loaded relative to the app's root, under any base path
  // or hosting prefix; the fallback is the page's own directory.
  const own = document.querySelector('script[src*="static/js/index"]');
  if (own && own.src) return own.src.replace(/static\/js\/[^/]*$/, "");
  return new URL("./", document.baseURI).href;
}

const CACHE = "matchplan-plotly";

// plotly.js (4.8 MB) comes gzipped (src.gz, once the server has packed it) and is
// unpacked here; the browser's Cache Storage keeps it under its versioned address (a
// library, nothing about the applicant), older versions go. Streamlit sends an app's
// own files without a cache lifetime, so without that it would be fetched on every
// page load. Without DecompressionStream or Cache Storage, the plain file is used.
async function scriptUrl(src) {
  const packed = src.gz && "DecompressionStream" in window;
  const url = new URL(packed ? src.gz : src.plain, appRoot()).href;
  let cache = null;
  let response;
  try {
    if ("caches" in window) {
      cache = await caches.open(CACHE);
      response = await cache.match(url);
    }
  } catch (error) {
    cache = null;
  }
  if (!response) {
    if (!packed && !cache) return url; // nothing to unpack or keep: a plain <script src>
    response = await fetch(url);
    if (!response.ok) throw new Error(`plotly.js: ${response.status}`);
    if (cache) {
      try {
        await cache.put(url, response.clone());
        for (const old of await cache.keys()) if (old.url !== url) await cache.delete(old);
      } catch (error) {
        // a full or refused cache: the file is still used
      }
    }
  }
  const body = packed ? response.body.pipeThrough(new DecompressionStream("gzip")) : response.body;
  const script = await new Response(body).blob();
  return URL.createObjectURL(new Blob([script], { type: "text/javascript" }));
}

async function addScript(src, resolve, reject) {
  const script = document.createElement("script");
  try {
    script.src = await scriptUrl(src);
  } catch (error) {
    window.__matchplanPlotly = undefined;
    reject(error);
    return;
  }
  script.async = true;
  script.onload = () => resolve(window.Plotly);
  script.onerror = () => {
    window.__matchplanPlotly = undefined;
    reject(new Error("plotly.js could not be loaded"));
  };
  document.head.appendChild(script);
}

function loadPlotly(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__matchplanPlotly) {
    window.__matchplanPlotly = new Promise((resolve, reject) => {
      // After the page's next paint: compiling plotly.js holds the main thread for a
      // while, and the text around the charts should not wait for it.
      requestAnimationFrame(() => setTimeout(() => addScript(src, resolve, reject), 0));
    });
  }
  return window.__matchplanPlotly;
}

// A move that changes only the traces' values, on axes whose ranges stay put, is
// drawn by Plotly.animate without a redraw: the traces move, and the axes, labels
// and annotations (most of a Gantt's drawing) are left as they are. Anything else
// (a new range, a changed title or annotation, a trace added) goes through react.
const ANIMATABLE = new Set(["bar", "scatter"]);

function fixedRange(axis) {
  return !!axis && Array.isArray(axis.range) && axis.autorange !== true
    && axis.autorange !== "reversed";
}

function axisValues(trace, letter) {
  const horizontal = trace.type === "bar" && trace.orientation === "h";
  const baseOn = horizontal ? "x" : "y";
  const values = [trace[letter]];
  if (trace.type === "bar" && baseOn === letter) values.push(trace.base);
  return JSON.stringify(values);
}

function onlyTracesMoved(before, after) {
  if (!before || JSON.stringify(before.layout) !== JSON.stringify(after.layout)) return false;
  const old = before.data || [];
  const now = after.data || [];
  if (old.length !== now.length) return false;
  const layout = after.layout || {};
  return now.every((trace, i) => {
    const was = old[i];
    if (!ANIMATABLE.has(trace.type || "scatter") || trace.type !== was.type) return false;
    return ["x", "y"].every((letter) => {
      const ref = trace[`${letter}axis`] || letter;
      const axis = layout[`${letter}axis${ref.slice(1)}`];
      return fixedRange(axis) || axisValues(trace, letter) === axisValues(was, letter);
    });
  });
}

// One draw at a time per chart, always of the newest figure: Plotly.animate and
// Plotly.react are asynchronous, and a second call while one is under way broke
// Plotly's hover state ("reading '_rehover'") when arrow keys moved the slider fast.
// A draw that fails anyway starts the chart afresh.
async function drawNewest(div, Plotly) {
  div.__matchplanBusy = true;
  try {
    while (div.__matchplanNext && div.isConnected) {
      const { json, config } = div.__matchplanNext;
      div.__matchplanNext = null;
      const figure = JSON.parse(json);
      const layout = figure.layout || {};
      try {
        if (div.__matchplanDrawn && onlyTracesMoved(div.__matchplanDrawn, figure)) {
          await Plotly.animate(
            div,
            { data: figure.data, traces: figure.data.map((_, i) => i) },
            { transition: { duration: 0 }, frame: { duration: 0, redraw: false }, mode: "immediate" },
          );
        } else {
          await Plotly.react(div, figure.data || [], layout, config);
        }
      } catch (error) {
        const fresh = JSON.parse(json);
        await Plotly.newPlot(div, fresh.data || [], fresh.layout || {}, config);
      }
      div.__matchplanDrawn = JSON.parse(json); // Plotly keeps and changes its own copy
    }
  } finally {
    div.__matchplanBusy = false;
  }
}

export default function (component) {
  const { parentElement } = component;
  const data = JSON.parse(new TextDecoder().decode(component.data));
  let div = parentElement.querySelector(`:scope > .${CLASS}`);
  if (!div) {
    div = document.createElement("div");
    div.className = CLASS;
    div.style.width = "100%";
    // Read as one image with its summary; the values are in "Show the data" below it.
    div.setAttribute("role", "img");
    parentElement.appendChild(div);
  }
  div.setAttribute("aria-label", data.label);
  const layout = JSON.parse(data.figure).layout || {};
  div.style.height = `${layout.height || 450}px`;
  div.__matchplanNext = { json: data.figure, config: data.config };
  loadPlotly(data.src).then((Plotly) => {
    if (!div.__matchplanDrawn && !div.__matchplanBusy) div.textContent = ""; // an earlier message
    if (!div.__matchplanBusy) drawNewest(div, Plotly);
    if (!div.__matchplanResize) {
      // A chart drawn in a hidden tab or a narrower column takes its width when shown.
      let width = div.clientWidth;
      div.__matchplanResize = new ResizeObserver(() => {
        if (div.clientWidth && div.clientWidth !== width) {
          width = div.clientWidth;
          Plotly.Plots.resize(div);
        }
      });
      div.__matchplanResize.observe(div);
    }
  }).catch(() => {
    if (!div.__matchplanDrawn) {
      div.textContent = "This chart could not be drawn; its values are under \"Show the data\".";
    }
  });
  // Streamlit calls this both when the chart leaves the page and when a newer figure
  // has superseded this call before it returned; only the first may free the chart
  // (purging it under a draw still going broke Plotly's hover state).
  return () => {
    if (div.isConnected) return;
    if (div.__matchplanResize) div.__matchplanResize.disconnect();
    if (window.Plotly) window.Plotly.purge(div);
  };
}
