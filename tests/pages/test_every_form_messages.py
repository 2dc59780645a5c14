"""Every form in the project says what is wrong in plain words, never in Django's.

"Ensure this value has at most 200 characters (it has 250)." and "This field is required." read
like a machine talking; the Design System's messages say "Name must be 200 characters or fewer"
and "Enter your name". This walks every form class the project defines and every "what
happened?" form, fills each field with something wrong in every way Django would word itself (left
empty; too long; not an email address, a date, a number or one of the choices), and reads every
message that comes back."""

from __future__ import annotations

import pytest
from django import forms
from tests.pages.test_every_form_checkboxes import SAMPLE_CHOICES, _instance, _project_form_classes

# Django's own wording, as people would see it (English): none of it may reach a page.
DJANGO_WORDING = ("This field is required", "Ensure this value", "Ensure this filename", "Enter a valid",
                  "Select a valid choice", "Enter a whole number.", "Enter a number.", "Enter a list of values",
                  "No file was submitted", "The submitted file is empty", "didn’t match", "is not one of the available")


def _wrong(field: forms.Field, name: str, *, long: bool) -> dict[str, object]:
    """Form data that is wrong for this field in the way Django checks it."""
    if isinstance(field.widget, forms.MultiWidget):
        suffixes = getattr(field.widget, "widgets_names", None) or [f"_{i}" for i in range(len(field.widget.widgets))]
        return {f"{name}{s}": "x" for s in suffixes}
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return {name: ["not-a-choice"]}
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return {name: "not-a-choice"}
    if isinstance(field, forms.FileField | forms.BooleanField):
        return {}
    limit = getattr(field, "max_length", None)
    if long and limit:
        return {name: "a" * (limit + 1)}
    if isinstance(field, forms.CharField) and not isinstance(field, forms.EmailField | forms.URLField):
        return {name: "a" * (limit + 1)} if limit else {}
    return {name: "not right"}  # an email address, a date, a number, a web address, a UUID


def _forms() -> list[tuple[str, object]]:
    from fairwitness.cases.eventforms import CaseChoices, build_event_form
    from fairwitness.cases.journey import GROUPS

    made: list[tuple[str, object]] = [(f"{c.__module__}.{c.__qualname__}", c) for c in _project_form_classes()]
    choices = CaseChoices(children=[("c1", "Kim")], people=[("p1", "Ann (mother)")], pr_people=["p1"],
                          events=[("e1", "complaint_made", "1 May 2024: I made a complaint")])
    for group in GROUPS:
        for option in group.options:
            made.append((f"event/{group.slug}/{option.slug}", build_event_form(option, choices)))
    return made


def _bound(cls: type[forms.BaseForm], data: dict[str, object]) -> forms.BaseForm:
    """Bound as _instance makes them unbound: sample choices, None for a leading request or user."""
    import inspect

    from django.http import QueryDict
    from tests.pages.test_every_form_checkboxes import SAMPLE_KWARGS

    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    params = inspect.signature(cls.__init__).parameters
    kwargs = {n: SAMPLE_KWARGS[n] for n, p in params.items() if p.kind is inspect.Parameter.KEYWORD_ONLY and n in SAMPLE_KWARGS}
    leading = [None for n, p in params.items() if n != "self"
               and p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and p.default is inspect.Parameter.empty]
    try:
        form = cls(*leading, data=query, files={}, **kwargs)
    except TypeError as exc:  # Django's password forms take the user first
        if "user" not in str(exc):
            raise
        form = cls(None, data=query, files={}, **kwargs)
    for field in form.fields.values():  # fields offered their choices only at run time get the samples
        if isinstance(field, forms.ChoiceField) and not list(field.choices):
            field.choices = SAMPLE_CHOICES
    return form


def _messages(form: forms.BaseForm) -> list[str]:
    return [str(m) for errors in form.errors.values() for m in errors]


FORMS = _forms()


@pytest.mark.django_db
@pytest.mark.parametrize("where, cls", FORMS, ids=[w for w, _ in FORMS])
def test_every_form_says_what_is_wrong_in_plain_words(where, cls):
    fields = _instance(cls).fields
    seen: list[str] = []
    for long in (False, True):
        empty = _bound(cls, {})
        wrong: dict[str, object] = {}
        for name, field in fields.items():
            wrong.update(_wrong(field, name, long=long))
        for form in (empty, _bound(cls, wrong)):
            form.is_valid()
            seen += _messages(form)
    for message in seen:
        assert not any(words in message for words in DJANGO_WORDING), f"{where}: {message!r}"


@pytest.mark.django_db
def test_the_messages_name_the_field_and_its_limit():
    from fairwitness.accounts.forms import SignUpForm
    from fairwitness.cases.forms import CaseForm, PersonForm

    person = PersonForm(data={"name": "a" * 250}, children=[("c1", "Kim")])
    person.is_valid()
    assert person.errors["name"] == ["Name must be 120 characters or fewer"]
    email = SignUpForm(data={"email": "not an address", "password": "x", "password_again": "x"})
    email.is_valid()
    assert email.errors["email"] == ["Enter an email address in the correct format, like name@example.com"]
    case = CaseForm(data={})
    case.is_valid()
    assert all(not m.startswith("This field") for m in _messages(case))
