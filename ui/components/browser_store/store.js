// Keep the plan in this browser's localStorage (issue 12, item 7). Plain JS, no build.
// Python sends {ready, keep, forget, plan}. Once per page load, and only when the applicant
// opted in on this browser, this reports what it holds ("stored": {keep, plan}); a browser
// that never opted in reports nothing, so it costs no extra run. Nothing is sent anywhere
// but the app's own session.
const KEEP = "matchplan.keep";
const PLAN = "matchplan.plan";

function read() {
  try {
    return {
      keep: window.localStorage.getItem(KEEP) === "1",
      plan: window.localStorage.getItem(PLAN),
    };
  } catch (error) {
    return { keep: false, plan: null, error: String(error) };
  }
}

function write(data) {
  try {
    if (data.forget || !data.keep) {
      window.localStorage.removeItem(PLAN);
      window.localStorage.removeItem(KEEP);
    } else {
      window.localStorage.setItem(KEEP, "1");
      if (typeof data.plan === "string" && window.localStorage.getItem(PLAN) !== data.plan) {
        window.localStorage.setItem(PLAN, data.plan);
      }
    }
  } catch (error) {
    // Storage full or blocked: the plan stays in the session and the download still works.
  }
}

export default function (component) {
  const { data, setStateValue } = component;
  if (!window.__matchplanStoreReported) {
    window.__matchplanStoreReported = true;
    const held = read();
    if (held.keep) {
      setStateValue("stored", held);
      return;
    }
  }
  if (data && (data.ready || data.forget)) {
    write(data);
  }
}
