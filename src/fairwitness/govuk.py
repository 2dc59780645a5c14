"""Render GOV.UK Frontend components, and Django form fields as them.

govuk-frontend-django renders its components through the Jinja ports of the Design System's Nunjucks
macros (the ``govuk-frontend-jinja`` package it depends on). We call those macros directly with plain
dicts, exactly as the Design System documents its "Nunjucks" examples, so the markup (labels, hints,
error messages, fieldsets, aria-describedby) is the Design System's own, not a copy of it.

``render_field`` turns a bound Django form field into the matching component, keeping whatever the
person typed when the form comes back with errors.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe
from jinja2 import Environment, PackageLoader, PrefixLoader, select_autoescape

# component name (as in the Design System's URLs) -> Jinja macro name
_MACROS = {
    "back-link": "govukBackLink", "button": "govukButton", "character-count": "govukCharacterCount",
    "checkboxes": "govukCheckboxes", "date-input": "govukDateInput", "details": "govukDetails",
    "error-summary": "govukErrorSummary", "exit-this-page": "govukExitThisPage",
    "file-upload": "govukFileUpload", "input": "govukInput", "inset-text": "govukInsetText",
    "notification-banner": "govukNotificationBanner", "panel": "govukPanel",
    "password-input": "govukPasswordInput", "radios": "govukRadios", "select": "govukSelect",
    "service-navigation": "govukServiceNavigation", "skip-link": "govukSkipLink",
    "summary-list": "govukSummaryList", "table": "govukTable", "tag": "govukTag",
    "textarea": "govukTextarea", "warning-text": "govukWarningText", "breadcrumbs": "govukBreadcrumbs",
}


@cache
def _environment() -> Environment:
    loader = PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})
    return Environment(loader=loader, autoescape=select_autoescape(default=True, default_for_string=True))


@cache
def _template(component: str) -> Any:
    macro = _MACROS[component]
    source = (f"{{%- from 'govuk_frontend_jinja/components/{component}/macro.html' import {macro} -%}}"
              f"{{{{ {macro}(params) }}}}")
    return _environment().from_string(source)


def _without_none(value: Any) -> Any:
    """The macros test ``if params.x``; a None would print as the word 'None' in places."""
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value


def component(name: str, params: dict[str, Any]) -> SafeString:
    """Render one Design System component with the Nunjucks-style params it documents."""
    return mark_safe(_template(name).render(params=_without_none(params)))


# ---------------------------------------------------------------------------------------------
# Form fields


class DayMonthYearWidget(forms.MultiWidget):
    """Three text boxes, as the date input pattern asks; the value stays as typed."""

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value: Any) -> list[Any]:
        if value:
            return [value.day, value.month, value.year]
        return [None, None, None]

    # Names day/month/year rather than _0/_1/_2 so the error summary can point at "-day".
    widgets_names = ["-day", "-month", "-year"]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        return [data.get(f"{name}-{part}", "") for part in ("day", "month", "year")]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}-{part}" in data for part in ("day", "month", "year"))


class DayMonthYearField(forms.MultiValueField):
    """A date typed as day, month and year. Rejects 31 February with a message that says so."""

    widget = DayMonthYearWidget

    def __init__(self, *, required: bool = True, required_message: str | None = None, **kwargs: Any):
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        self.required_message = required_message
        super().__init__(fields, required=required, require_all_fields=False, **kwargs)

    def clean(self, value: Any) -> Any:
        parts = [str(p or "").strip() for p in (value or ["", "", ""])]
        label = (self.label or "the date").lower()
        if not any(parts):
            if self.required:
                raise forms.ValidationError(self.required_message or f"Enter {label}", code="required")
            return None
        names = ("day", "month", "year")
        missing = [n for n, p in zip(names, parts, strict=True) if not p]
        if missing:
            raise forms.ValidationError(f"{label.capitalize()} must include a {' and a '.join(missing)}")
        if not all(p.isdigit() for p in parts):
            raise forms.ValidationError(f"{label.capitalize()} must be a real date, written in numbers")
        day, month, year = (int(p) for p in parts)
        if len(parts[2]) != 4:
            raise forms.ValidationError("Year must include 4 numbers")
        from datetime import date

        try:
            return date(year, month, day)
        except ValueError:
            raise forms.ValidationError(f"{label.capitalize()} must be a real date") from None

    def compress(self, data_list: list[Any]) -> Any:  # clean() does the work
        return data_list


class CheckboxesField(forms.MultipleChoiceField):
    """A multiple-choice question as GOV.UK checkboxes, with an optional "none" answer.

    ``none_choice`` (value, label) is shown after an "or" divider and unticks the others (the
    Design System's exclusive behaviour). It keeps a case file's distinction: ticking it says
    "known to be nobody" (``[]``), leaving every box empty says "not known" (``None``)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, none_choice: tuple[str, str] | None = None, **kwargs: Any):
        self.none_choice = none_choice
        super().__init__(**kwargs)

    def valid_value(self, value: Any) -> bool:
        return (self.none_choice is not None and str(value) == self.none_choice[0]) or super().valid_value(value)

    def clean(self, value: Any) -> Any:
        chosen = super().clean(value)
        if self.none_choice is None:
            return chosen
        none_value, none_label = self.none_choice
        if none_value in chosen:
            if len(chosen) > 1:
                raise forms.ValidationError(f"Select '{none_label}' or the ones that apply, not both")
            return []
        return chosen or None


def _hint(field: forms.BoundField) -> dict[str, str] | None:
    return {"text": str(field.help_text)} if field.help_text else None


def _error(field: forms.BoundField) -> dict[str, str] | None:
    return {"text": " ".join(str(e) for e in field.errors)} if field.errors else None


def field_id(field: forms.BoundField) -> str:
    """Where the error summary should send the reader: the first input of the field."""
    widget = field.field.widget
    if isinstance(widget, DayMonthYearWidget):
        return f"{field.auto_id}-day"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return field.auto_id
    return field.auto_id


def _legend(field: forms.BoundField, heading: bool) -> dict[str, Any]:
    if heading:
        return {"text": str(field.label), "isPageHeading": True, "classes": "govuk-fieldset__legend--l"}
    return {"text": str(field.label), "classes": "govuk-fieldset__legend--s"}


def _label(field: forms.BoundField, heading: bool) -> dict[str, Any]:
    if heading:
        return {"text": str(field.label), "isPageHeading": True, "classes": "govuk-label--l"}
    return {"text": str(field.label), "classes": "govuk-label--s"}


def _choices(field: forms.BoundField) -> list[tuple[str, str]]:
    return [(str(v), str(label)) for v, label in field.field.choices if str(v) != ""]


def _choice_hints(field: forms.BoundField) -> dict[str, str]:
    return getattr(field.field, "choice_hints", {}) or {}


def render_field(field: forms.BoundField, *, heading: bool = False) -> SafeString:
    """One form field as its GOV.UK component, with its label, hint, error and the typed value."""
    widget = field.field.widget
    name = field.html_name
    fid = field.auto_id
    hint, error = _hint(field), _error(field)
    form_group = {"classes": getattr(field.field, "form_group_classes", None)}
    if isinstance(widget, DayMonthYearWidget):
        value = field.value()
        if not isinstance(value, list | tuple):
            value = widget.decompress(value)
        day, month, year = ("" if v is None else str(v) for v in value)
        err_cls = " govuk-input--error" if field.errors else ""
        return component("date-input", {
            "id": fid, "namePrefix": name, "fieldset": {"legend": _legend(field, heading)},
            "hint": hint or {"text": "For example, 27 3 2024"}, "errorMessage": error,
            "formGroup": form_group,
            "items": [
                {"name": "day", "label": "Day", "value": day, "classes": "govuk-input--width-2" + err_cls},
                {"name": "month", "label": "Month", "value": month, "classes": "govuk-input--width-2" + err_cls},
                {"name": "year", "label": "Year", "value": year, "classes": "govuk-input--width-4" + err_cls},
            ],
        })
    # Before RadioSelect: Django's CheckboxSelectMultiple subclasses RadioSelect, so the radio test
    # would otherwise claim every multiple-choice question (one PR holder for two children, one invitee).
    if isinstance(widget, forms.CheckboxSelectMultiple):
        value = field.value()
        ticked = {str(v) for v in (value if isinstance(value, list | tuple) else [] if value in (None, "") else [value])}
        none = getattr(field.field, "none_choice", None)
        hints = _choice_hints(field)
        items: list[dict[str, Any]] = [
            {"value": v, "text": label, "checked": v in ticked, "hint": {"text": hints[v]} if v in hints else None}
            for v, label in _choices(field) if none is None or v != none[0]]
        if none is not None:
            items += [{"divider": "or"},
                      {"value": none[0], "text": none[1], "checked": none[0] in ticked, "behaviour": "exclusive"}]
        return component("checkboxes", {
            "name": name, "idPrefix": fid, "fieldset": {"legend": _legend(field, heading)},
            "hint": hint, "errorMessage": error, "items": items, "formGroup": form_group,
        })
    if isinstance(widget, forms.RadioSelect):
        current = field.value()
        current = "" if current is None else str(current)
        hints = _choice_hints(field)
        items = [{"value": v, "text": label, "checked": v == current,
                  "hint": {"text": hints[v]} if v in hints else None} for v, label in _choices(field)]
        return component("radios", {
            "name": name, "idPrefix": fid, "fieldset": {"legend": _legend(field, heading)},
            "hint": hint, "errorMessage": error, "items": items, "formGroup": form_group,
            "classes": "govuk-radios--small" if getattr(field.field, "small", False) else None,
        })
    if isinstance(widget, forms.CheckboxInput):
        return component("checkboxes", {
            "name": name, "idPrefix": fid, "errorMessage": error, "formGroup": form_group,
            "items": [{"value": "on", "text": str(field.label), "checked": bool(field.value()), "hint": hint}],
        })
    if isinstance(widget, forms.Select):
        current = "" if field.value() is None else str(field.value())
        items = [{"value": str(v), "text": str(label), "selected": str(v) == current}
                 for v, label in field.field.choices]
        return component("select", {"id": fid, "name": name, "label": _label(field, heading),
                                    "hint": hint, "errorMessage": error, "items": items,
                                    "formGroup": form_group})
    if isinstance(widget, forms.Textarea):
        return component("textarea", {"id": fid, "name": name, "label": _label(field, heading),
                                      "hint": hint, "errorMessage": error, "rows": 4,
                                      "value": field.value() or "", "formGroup": form_group})
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return component("file-upload", {"id": fid, "name": name, "label": _label(field, heading),
                                         "hint": hint, "errorMessage": error, "formGroup": form_group})
    if isinstance(widget, forms.PasswordInput):
        return component("password-input", {
            "id": fid, "name": name, "label": _label(field, heading), "hint": hint, "errorMessage": error,
            "autocomplete": widget.attrs.get("autocomplete", "current-password"), "formGroup": form_group,
        })
    input_type = getattr(widget, "input_type", "text")
    value = field.value()
    params: dict[str, Any] = {
        "id": fid, "name": name, "type": "text" if input_type == "number" else input_type,
        "label": _label(field, heading), "hint": hint, "errorMessage": error,
        "value": "" if value is None else str(value), "formGroup": form_group,
        "autocomplete": widget.attrs.get("autocomplete"), "spellcheck": False if input_type == "email" else None,
        "classes": widget.attrs.get("class"),
    }
    if input_type == "number":
        params["inputmode"] = "numeric"
    return component("input", params)


def error_summary(forms_: list[forms.Form] | forms.Form) -> SafeString:
    """The error summary the Design System puts at the top of a page with errors ('' if none)."""
    forms_list = forms_ if isinstance(forms_, list) else [forms_]
    items: list[dict[str, str]] = []
    for form in forms_list:
        for message in form.non_field_errors():
            items.append({"text": str(message)})
        for name, errors in form.errors.items():
            if name == "__all__":
                continue
            bound = form[name]
            items.extend({"text": str(e), "href": f"#{field_id(bound)}"} for e in errors)
    if not items:
        return mark_safe("")
    return component("error-summary", {"titleText": "There is a problem", "errorList": items})


def title_prefix(forms_: list[forms.Form] | forms.Form) -> str:
    """Pages with errors start their <title> with 'Error: ', as the Design System asks."""
    forms_list = forms_ if isinstance(forms_, list) else [forms_]
    return "Error: " if any(f.is_bound and f.errors for f in forms_list) else ""


class _RenderedFields:
    """``{{ form.govuk.title }}`` in a template renders that one field as its component."""

    def __init__(self, form: forms.Form):
        self._form = form

    def __getitem__(self, name: str) -> SafeString:
        return render_field(self._form[name])


# Control characters, lone surrogates, and the invisible format characters that reorder or hide text
# (bidirectional overrides such as U+202E, zero-width spaces and joiners, the byte-order mark): in a
# name they make a record read differently from what was typed.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_LINE_BREAKS = re.compile("[\t\r\n]+")


def clean_typed_text(value: str, *, multiline: bool) -> str:
    """Control characters removed; in a one-line answer, tabs and line breaks become one space."""
    value = _CONTROL_CHARS.sub("", value)
    if not multiline:
        value = _LINE_BREAKS.sub(" ", value).strip()
    return value


# ---------------------------------------------------------------------------------------------
# Error messages in the Design System's words
#
# Django's own ("This field is required.", "Ensure this value has at most 200 characters (it has
# 250).", "Enter a valid date.") read like a machine talking. Every field of every form that uses
# the mixin gets a plain message, made from its label, for each case Django would otherwise word
# itself; a message a form sets on purpose is kept.


@cache
def django_default_messages() -> frozenset[str]:
    """Every message text Django's form fields and validators use by default (read once, when
    first needed: translated text cannot be read before Django's apps are loaded)."""
    from django.core import validators

    texts: set[str] = set()
    todo: list[type] = [forms.Field]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("django."):
            texts.update(str(m) for m in getattr(cls, "default_error_messages", {}).values())
    for validator in (validators.MaxLengthValidator, validators.MinLengthValidator, validators.MaxValueValidator,
                      validators.MinValueValidator, validators.StepValueValidator, validators.EmailValidator,
                      validators.URLValidator, validators.ProhibitNullCharactersValidator):
        texts.add(str(validator.message))
    texts.update(str(m) for m in validators.DecimalValidator.messages.values())
    return frozenset(texts)


_DJANGO_FORM_MESSAGES = frozenset({"The two password fields didn’t match.", "The two password fields didn't match."})


def _subject(field: forms.Field, name: str) -> str:
    """How a message names the field: 'Name', or 'Your answer to 'What happened?''."""
    label = str(field.label or name.replace("_", " ").capitalize()).strip()
    label = re.sub(r"\s*\(optional\)$", "", label)
    return f"Your answer to ‘{label}’" if label.endswith("?") else label


def _noun(field: forms.Field, name: str) -> str:
    """What to enter or select, in the middle of a sentence: 'the child's name'."""
    subject = _subject(field, name)
    if subject.startswith("Your answer"):
        return "an answer to " + subject.removeprefix("Your answer to ")
    return subject[:1].lower() + subject[1:] if subject[1:2].islower() or len(subject) == 1 else subject


def plain_messages(field: forms.Field, name: str) -> dict[str, str]:
    """The Design System's kind of message for each thing that can be wrong with ``field``."""
    subject = _subject(field, name)
    noun = _noun(field, name)
    params = subject.replace("%", "%%")  # messages Django fills with numbers are %-formatted
    choose = isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField | forms.FileField)
    messages = {
        "required": f"Select {noun}" if choose else f"Enter {noun}",
        "max_length": f"{params} must be %(limit_value)d characters or fewer",
        "min_length": f"{params} must be %(limit_value)d characters or more",
        "max_value": f"{params} must be %(limit_value)s or less",
        "min_value": f"{params} must be %(limit_value)s or more",
        "step_size": f"{params} must be a multiple of %(limit_value)s",
        "max_digits": f"{params} must be %(max)s digits or fewer",
        "max_decimal_places": f"{params} must have %(max)s decimal places or fewer",
        "max_whole_digits": f"{params} must have %(max)s digits or fewer before the decimal point",
        "invalid_choice": f"Select {noun} from the list",
        "invalid_list": f"Select {noun} from the list",
        "invalid_pk_value": f"Select {noun} from the list",
        "null_characters_not_allowed": f"{subject} must not contain the character for nothing (null)",
        "invalid": f"{subject} is not in the right format",
    }
    if isinstance(field, forms.BooleanField):
        messages["required"] = f"Select ‘{subject}’ to continue"
    if isinstance(field, forms.EmailField):
        messages["invalid"] = "Enter an email address in the correct format, like name@example.com"
    elif isinstance(field, forms.URLField):
        messages["invalid"] = "Enter a web address in the correct format, like https://www.example.com"
    elif isinstance(field, forms.DateField | forms.DateTimeField):
        messages["invalid"] = f"{subject} must be a real date"
    elif isinstance(field, forms.TimeField):
        messages["invalid"] = f"{subject} must be a real time, like 14:30"
    elif isinstance(field, forms.IntegerField):
        messages["invalid"] = f"{subject} must be a whole number, like 3"
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        messages["invalid"] = f"{subject} must be a number"
    elif isinstance(field, forms.UUIDField):
        messages["invalid"] = f"{subject} is not one we know"
    if isinstance(field, forms.FileField):
        messages.update({
            "required": "Select a file", "missing": "Select a file", "empty": "The selected file is empty",
            "invalid": "The selected file could not be uploaded. Try again",
            "max_length": "The selected file's name must be %(max)d characters or fewer. Rename it and try again",
            "contradiction": "Select a file, or tick the box to remove the one you gave, not both",
            "invalid_image": "The selected file must be a picture",
        })
    return messages


def use_plain_messages(field: forms.Field, name: str) -> None:
    """Give ``field`` a plain message for each case still worded by Django (a form's own are kept).

    Validators' messages (length, email) are replaced too: ``Field.run_validators`` uses the
    field's message for a validator's code when the field has one."""
    for code, message in plain_messages(field, name).items():
        current = field.error_messages.get(code)
        if current is None or str(current) in django_default_messages():
            field.error_messages[code] = message
    if isinstance(field, forms.MultiValueField):
        for part in field.fields:
            use_plain_messages(part, name)


class GovUKFormMixin:
    """Mixed into our forms so templates render fields as GOV.UK components without custom tags,
    with the Design System's plain error messages in place of Django's."""

    heading_field: str | None = None  # a one-question page: that question is the page's heading

    def _clean_fields(self) -> None:
        """Typed text is cleaned of control characters before anything else sees it (issue 11: a
        \\x0b pasted into a child's name broke the Word chronology for good). A one-line answer
        also loses tabs and line breaks; a text area keeps them.

        First, every field gets plain messages: here rather than in ``__init__`` so fields a form
        adds or changes in its own ``__init__`` are covered too."""
        form: forms.Form = self  # type: ignore[assignment]
        for name, field in form.fields.items():
            use_plain_messages(field, name)
        if str(getattr(form, "error_messages", {}).get("password_mismatch", "")) in _DJANGO_FORM_MESSAGES:
            form.error_messages = {**form.error_messages, "password_mismatch": "The passwords do not match"}  # type: ignore[attr-defined]
        super()._clean_fields()  # type: ignore[misc]
        for name, value in list(form.cleaned_data.items()):
            if isinstance(value, str) and value:
                multiline = isinstance(form.fields[name].widget, forms.Textarea)
                cleaned = clean_typed_text(value, multiline=multiline)
                form.cleaned_data[name] = cleaned
                if not cleaned and form.fields[name].required:
                    form.add_error(name, form.fields[name].error_messages["required"])

    @property
    def govuk(self) -> _RenderedFields:
        return _RenderedFields(self)  # type: ignore[arg-type]

    def as_govuk(self) -> SafeString:
        form: forms.Form = self  # type: ignore[assignment]
        parts = [str(f) for f in form.hidden_fields()]
        parts += [str(render_field(f, heading=f.name == self.heading_field)) for f in form.visible_fields()]
        return mark_safe("\n".join(parts))

    def error_summary(self) -> SafeString:
        return error_summary(self)  # type: ignore[arg-type]
