// Every table's ideas, newest first, without authors; our own ideas marked and, during
// divergence, editable and deletable.
import { t } from "../i18n/table";
import { targets, type Mirror, type Target } from "../state/mirror";
import { h } from "../ui/dom";
import { lengthCounter } from "./idea_length";

export interface IdeaListActions {
  editing: number; // the idea being edited, 0 for none
  startEdit(ideaId: number): void;
  stopEdit(): void;
  edit(ideaId: number, text: string): void;
  remove(ideaId: number): void;
}

export function ideaList(m: Mirror, editable: boolean, a: IdeaListActions): HTMLElement {
  const list = targets(m).reverse(); // newest first
  if (list.length === 0) return h("p", { class: "hint-text" }, t.noIdeas);
  return h("section", { "aria-labelledby": "ideas-title" },
    h("h2", { id: "ideas-title" }, t.allIdeas(m.ideas.size)),
    h("ul", { class: "plain" }, list.map((target) => h("li", { class: target.own ? "card own" : "card", "data-target-id": target.id },
      target.isCluster ? clusterBody(target) : ideaBody(target, editable, a, m.config?.maxIdeaLength || 500),
    ))),
  );
}

export function clusterBody(target: Target): Node[] {
  return [
    h("span", { class: "tag" }, t.cluster),
    h("p", {}, h("strong", {}, target.text)),
    h("ul", { class: "members" }, target.ideas.map((i) => h("li", {}, i.text, i.own ? t.yourIdeaMark : ""))),
  ];
}

function ideaBody(target: Target, editable: boolean, a: IdeaListActions, max: number): Node[] {
  const idea = target.ideas[0];
  if (editable && idea.own && a.editing === idea.id) {
    const area = h("textarea", { id: `edit-${idea.id}`, rows: 3, value: idea.text, maxlength: max, "data-key": `edit-area-${idea.id}` });
    const form = h("form", {},
      h("label", { for: `edit-${idea.id}` }, t.editOurIdea),
      area,
      lengthCounter(area, `edit-count-${idea.id}`).nodes,
      h("div", { class: "row" },
        h("button", { type: "submit", class: "primary" }, t.save),
        h("button", { type: "button", onclick: () => a.stopEdit() }, t.cancel),
      ),
    );
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      a.edit(idea.id, area.value.trim());
      a.stopEdit();
    });
    queueMicrotask(() => area.focus());
    return [form];
  }
  return [
    idea.own ? h("span", { class: "tag" }, t.ourIdea) : null,
    h("p", {}, idea.text),
    editable && idea.own
      ? h("div", { class: "row" },
          h("button", { type: "button", "data-key": `edit-${idea.id}`, onclick: () => a.startEdit(idea.id) }, t.edit),
          h("button", { type: "button", class: "danger", "data-key": `delete-${idea.id}`, onclick: () => {
            if (window.confirm(t.confirmDelete)) a.remove(idea.id);
          } }, t.delete),
        )
      : null,
  ].filter((n): n is HTMLElement => n !== null);
}
