// Progressive enhancement: the forms work without this file; with it, votes and comments
// update in place. Each form posts its own fields (antiforgery token included) with fetch.
(() => {
  const post = (form, accept) =>
    fetch(form.action, { method: "POST", body: new FormData(form), headers: { Accept: accept }, credentials: "same-origin" });

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (form.matches("[data-vote]")) {
      event.preventDefault();
      const response = await post(form, "application/json");
      if (!response.ok) { form.submit(); return; }
      const state = await response.json();
      const number = form.dataset.vote;
      const count = state.voteCount.toLocaleString(document.documentElement.lang);
      document.querySelectorAll(`[data-vote-count="${number}"]`).forEach((el) => { el.textContent = count; });
      // "1 vote", "2 votes": the words from the page, in its language.
      let unit = "";
      document.querySelectorAll(`[data-vote-unit="${number}"]`).forEach((el) => { unit = el.textContent = state.voteCount === 1 ? el.dataset.one : el.dataset.many; });
      document.querySelectorAll(`form[data-vote="${number}"]`).forEach((f) => {
        const button = f.querySelector("button");
        f.elements.remove.value = state.voted ? "true" : "false";
        button.classList.toggle("voted", state.voted);
        button.querySelector(".label").textContent = state.voted ? button.dataset.labelOn : button.dataset.labelOff;
      });
      const status = document.querySelector("[data-vote-status]");
      if (status) status.textContent = `${count} ${unit}`;
    } else if (form.matches("[data-comment-form]")) {
      event.preventDefault();
      const error = form.querySelector("[data-comment-error]");
      const response = await post(form, "application/json, text/html");
      if (response.status === 400) {
        error.textContent = (await response.json()).detail || "";
        form.elements.CommentBody.setAttribute("aria-invalid", "true");
        form.elements.CommentBody.focus();
        return;
      }
      if (!response.ok) { form.submit(); return; }
      const list = document.querySelector("[data-comments]");
      list.insertAdjacentHTML("beforeend", await response.text());
      const heading = document.querySelector("[data-comments-heading]");
      if (heading) {
        heading.dataset.count = Number(heading.dataset.count) + 1;
        heading.textContent = heading.dataset.commentsHeading.replace("{0}", Number(heading.dataset.count).toLocaleString(document.documentElement.lang));
      }
      error.textContent = "";
      form.elements.CommentBody.removeAttribute("aria-invalid");
      form.reset();
    }
  });

  // Ideas like the one being typed, shown under the form; once shown, sending skips the step that shows them.
  const similarForm = document.querySelector("form[data-similar]");
  if (similarForm) {
    const list = similarForm.querySelector("[data-similar-list]");
    let timer = 0;
    let asked = "";
    similarForm.elements.Title.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const title = similarForm.elements.Title.value.trim();
        if (title === asked) return;
        asked = title;
        if (title.length < 3) { list.innerHTML = ""; return; }
        const response = await fetch(`${similarForm.dataset.similar}&title=${encodeURIComponent(title)}`, { credentials: "same-origin" });
        if (!response.ok || title !== asked) return;
        list.innerHTML = await response.text();
        const found = list.querySelectorAll("li").length;
        if (found > 0) similarForm.elements.SeenSimilar.value = "true";
        const status = similarForm.querySelector("[data-similar-status]");
        status.textContent = found === 0 ? "" : found === 1 ? status.dataset.one : status.dataset.many.replace("{0}", found);
      }, 300);
    });
  }

  // Notices in this browser (Web Push): the status page's button, where the browser has push at all.
  const push = document.querySelector("[data-push]");
  if (push && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window) {
    push.hidden = false;
    const status = push.querySelector("[data-push-status]");
    const key = (base64url) => {
      const raw = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
      return Uint8Array.from(raw, (c) => c.charCodeAt(0));
    };
    push.querySelector("[data-push-button]").addEventListener("click", async () => {
      try {
        if (await Notification.requestPermission() !== "granted") { status.textContent = push.dataset.denied; return; }
        const registration = await navigator.serviceWorker.register("/notice-worker.js");
        await navigator.serviceWorker.ready;
        const { publicKey } = await (await fetch(push.dataset.keyUrl)).json();
        const subscription = (await registration.pushManager.getSubscription())
          || await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(publicKey) });
        const topics = [...document.querySelectorAll("input[name=TopicSlugs]:checked")].map((box) => box.value);
        const { endpoint, keys } = subscription.toJSON();
        const response = await fetch(push.dataset.subscribeUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          credentials: "same-origin",
          body: JSON.stringify({ channel: "push", address: endpoint, keys, topics, language: push.dataset.language }),
        });
        status.textContent = response.ok ? push.dataset.done : push.dataset.failed;
      } catch {
        // No push service reachable, or the browser refused: say so rather than fail silently.
        status.textContent = push.dataset.failed;
      }
    });
  }
})();
