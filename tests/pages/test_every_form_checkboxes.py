"""Every multiple-choice question in the project renders as GOV.UK checkboxes.

A father with parental responsibility for two children, a conference with two invitees, a share of
three events: each needs more than one answer. They were all radios once (Django's
CheckboxSelectMultiple subclasses RadioSelect, and the renderer tested for radios first), and axe
did not notice because the page was accessible, only wrong. This walks every form class the project
defines, and every "what happened?" form, and renders each multiple-choice field.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms

import fairwitness

SAMPLE_CHOICES = [("a1", "First choice"), ("a2", "Second choice"), ("a3", "Third choice")]
# Keyword arguments our forms' __init__ take, with something to offer.
class _Letter:
    title = "A letter"
    recipient = "The council"
    paragraphs: list[str] = []


SAMPLE_KWARGS = {"children": [("c1", "Kim"), ("c2", "Lee")], "events": SAMPLE_CHOICES,
                 "documents": SAMPLE_CHOICES, "people": SAMPLE_CHOICES, "reviewers": SAMPLE_CHOICES,
                 "councils": SAMPLE_CHOICES, "letter": _Letter(), "prompts": []}


def _project_form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(fairwitness.__path__, "fairwitness."):
        if ".migrations" in module.name or module.name.endswith("__main__"):
            continue
        importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    todo = [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("fairwitness.") and sub.__name__ != "EventForm":
                found.append(sub)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _instance(cls: type[forms.BaseForm]) -> forms.BaseForm:
    """An unbound form, with sample choices for the keyword arguments our forms take and None for
    a leading positional ``request`` or ``user`` (Django's password forms)."""
    params = inspect.signature(cls.__init__).parameters
    kwargs = {name: SAMPLE_KWARGS[name] for name, p in params.items()
              if p.kind is inspect.Parameter.KEYWORD_ONLY and name in SAMPLE_KWARGS}
    leading = [None for name, p in params.items() if name != "self"
               and p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and p.default is inspect.Parameter.empty]
    try:
        return cls(*leading, **kwargs)
    except TypeError as exc:
        if "user" not in str(exc):
            raise
        return cls(None, **kwargs)


def _is_multiple(field: forms.Field) -> bool:
    return isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)


def _assert_checkboxes(form: forms.BaseForm, name: str, where: str) -> None:
    from fairwitness.govuk import render_field

    field = form.fields[name]
    if not list(getattr(field, "choices", [])):
        field.choices = SAMPLE_CHOICES  # type: ignore[attr-defined]
    html = str(render_field(form[name]))
    offered = [v for v, _ in field.choices if str(v)]  # type: ignore[attr-defined]
    if getattr(field, "none_choice", None):
        offered.append(field.none_choice[0])  # type: ignore[attr-defined]
        assert 'data-behaviour="exclusive"' in html, f"{where}.{name}: its 'nobody' box unticks the others"
    assert 'class="govuk-checkboxes' in html, f"{where}.{name} is not rendered as checkboxes"
    assert "govuk-radios" not in html and 'type="radio"' not in html, f"{where}.{name} is rendered as radios"
    assert len(re.findall(r'type="checkbox"', html)) == len(offered), f"{where}.{name}: one box per choice"


def test_the_walk_finds_the_forms_with_several_answers():
    names = {c.__name__ for c in _project_form_classes()}
    assert {"PersonForm", "ShareForm", "RequestForm"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("cls", _project_form_classes(), ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_every_multiple_choice_field_of_every_form_is_checkboxes(cls):
    form = _instance(cls)
    for name, field in form.fields.items():
        if _is_multiple(field):
            _assert_checkboxes(form, name, cls.__qualname__)


def test_every_what_happened_form_asks_multiple_choices_as_checkboxes():
    from fairwitness.cases.eventforms import CaseChoices, build_event_form
    from fairwitness.cases.journey import GROUPS

    choices = CaseChoices(children=[("c1", "Kim"), ("c2", "Lee")],
                          people=[("p1", "Ann (mother)"), ("p2", "Ben (father)"), ("p3", "Cat (grandmother)")],
                          pr_people=["p1", "p2"],
                          events=[("e1", "complaint_made", "1 May 2024: I made a complaint"),
                                  ("e2", "consent", "2 May 2024: I agreed")])
    multiple = 0
    for group in GROUPS:
        for option in group.options:
            for correction in (False, True):
                form = build_event_form(option, choices, correction=correction)()
                for name, field in form.fields.items():
                    if _is_multiple(field):
                        multiple += 1
                        _assert_checkboxes(form, name, f"{group.slug}/{option.slug}")
    assert multiple > 20  # children on every form, and the meeting's people
