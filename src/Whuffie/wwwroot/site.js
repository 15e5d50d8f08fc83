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
      document.querySelectorAll(`[data-vote-count="${number}"]`).forEach((el) => { el.textContent = state.voteCount.toLocaleString(document.documentElement.lang); });
      document.querySelectorAll(`form[data-vote="${number}"]`).forEach((f) => {
        const button = f.querySelector("button");
        f.elements.remove.value = state.voted ? "true" : "false";
        button.classList.toggle("voted", state.voted);
        button.querySelector(".label").textContent = state.voted ? button.dataset.labelOn : button.dataset.labelOff;
      });
      const status = document.querySelector("[data-vote-status]");
      if (status) status.textContent = `${state.voteCount}`;
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
      document.querySelector("[data-comments]").insertAdjacentHTML("beforeend", await response.text());
      error.textContent = "";
      form.elements.CommentBody.removeAttribute("aria-invalid");
      form.reset();
    }
  });
})();
