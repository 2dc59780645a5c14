"""What happened, from the words parents and decision makers use for it.

One table, ``CUES``: each cue is a pattern of everyday or legal words, the event kind of the case
format it suggests, the fields it sets, and how sure the words make us (0–1). Cues in the same
``group`` compete: only the first that matches a sentence is kept ("review conference" before
"conference", "full care order" before "court"), so one sentence gives one meeting, one consent, one
court step. A cue is skipped when the words are negated ("never been invited", "did not sign") unless
the cue is itself about refusing; words that only say what might happen ("would", "might", "was
going to") lower its confidence rather than drop it, because the parent decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Pronouns and nouns for the children and people an action is done to, as parents write them.
CHILD = (r"(?:him|her|them|my\s+\w+|our\s+\w+|his\s+\w+|the\s+(?:kids|children|child|baby|boys|girls|"
         r"youngest|eldest|oldest|twins)|the\s+\w+\s+(?:children|kids)|(?:my|our|his|her)\s+(?:son|daughter|children|kids|baby|boy|girl)s?)(?!\s+(?:to|out|for|on|swimming|shopping|round|along)\b)")
SOCIAL = r"(?:social\s+services|social\s+care|social\s+workers?|children'?s\s+services|the\s+council|the\s+local\s+authority|they|she|he|ss)"


@dataclass(frozen=True)
class Cue:
    kind: str
    pattern: re.Pattern[str]
    fields: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.7
    group: str = ""
    negatable: bool = True  # skipped when negated
    needs: re.Pattern[str] | None = None  # words that must also be in the sentence (who did it)


CUES: list[Cue] = []


def cue(kind: str, pattern: str, confidence: float = 0.7, group: str = "", negatable: bool = True,
        needs: str | None = None, **fields: Any) -> None:
    CUES.append(Cue(kind, re.compile(pattern, re.IGNORECASE), dict(fields), confidence, group or kind, negatable,
                    re.compile(needs, re.IGNORECASE) if needs else None))


# An action by the council's staff: what the sentence must name for "saw the children" or "contacted
# the school" to be the council's doing rather than a parent's.
PROFESSIONAL = r"\b(?:social\s+workers?|social\s+services|social\s+care|children'?s\s+services|the\s+council|local\s+authority|SW|IRO|police)\b"


# --- Court and orders (most specific first) -----------------------------------------------------
cue("epo_granted", r"\b(emergency\s+protection\s+order|EPO)\b", 0.85, "epo_granted")
cue("interim_care_order", r"\b(interim\s+care(?:\s+order)?|ICO)\b", 0.85, "interim_care_order")
cue("special_guardianship_order", r"\b(special\s+guardianship(\s+order)?|SGO)\b", 0.8, "special_guardianship_order")
cue("placement_order", r"\bplacement\s+order\b", 0.8, "placement_order")
cue("supervision_order", r"\bsupervision\s+order\b", 0.8, "supervision_order")
cue("care_order", r"\b(?:made|granted|got|gave|given|awarded|put\s+on|under|issued)\b[^.]{0,30}\b(?<!voluntary )(?<!interim )(?:full\s+)?care\s+order\b|\bfull\s+care\s+order\s+(?:was\s+)?(?:made|granted)|(?<!voluntary )(?<!interim )\bcare\s+order\b[^.]{0,60}\b(?:put\s+in\s+place|was\s+made|was\s+granted)", 0.75, "care_order")
cue("care_proceedings_issued", r"\b(care\s+proceedings|court\s+proceedings|took\s+(?:her|him|us|me|them|the\s+family)\s+to\s+court|"
    r"(?:taking|take|took|taken|dragged)\s+(?:me|us|her|him|them)\s+to\s+court|(?:applied|apply|application)\s+(?:to\s+the\s+court\s+)?for\s+a\s+(?:full\s+)?care\s+order|went\s+to\s+court|issued\s+proceedings|"
    r"court\s+case\s+(?:started|began))\b", 0.7, "court")
cue("pre_proceedings_letter", r"\b(letter\s+before\s+proceedings|PLO\s+letter|pre[-\s]proceedings\s+letter|letter\s+before\s+action)\b", 0.8, "plo")
cue("proceedings_concluded", r"\b(final\s+hearing|proceedings\s+(?:ended|concluded|finished)|court\s+(?:case\s+)?(?:ended|finished|concluded))\b", 0.6, "court_end")

# --- Emergency and removal ------------------------------------------------------------------------
cue("police_protection_started", r"\b(police\s+protection|police\s+(?:came|turned\s+up|arrived)\s+and\s+took|"
    r"(?:the\s+)?police\s+took\s+" + CHILD + r"|section\s+46|s\.?\s?46)\b", 0.75, "removal")
cue("section_20_started", r"\b(section\s+20|s\.?\s?20|voluntary\s+care(?:\s+(?:order|arrangement|agreement))?|"
    r"accommodated\s+(?:voluntarily|under)|voluntar(?:y|ily)\s+accommodat\w+|signed\s+(?:the\s+)?(?:section\s+20\s+)?(?:papers|forms?)\s+"
    r"(?:for|to\s+put|to\s+let)|(?:asked|ask)\s+for\s+(?:our|my)\s+\w+\s+to\s+be\s+accommodated)\b", 0.75, "removal")
cue("removed_from_home", r"\b(took|take|taken|removed?|removing)\s+(?:away\s+)?" + CHILD + r"(?:\s+away|\s+into\s+care|\s+from\s+\w+)?\b|"
    r"\b(?:taken|put|placed)\s+(?:in(?:to)?)\s+(?:foster\s+)?care\b|\bcame\s+and\s+took\b|"
    r"\b(?:was|were|been|got|being)\s+(?:taken|removed)\b(?!\s+(?:to|out|for|on|off|aback|ill|into\s+account)\b)", 0.6, "removal")
cue("placed_with_connected_person", r"\b(?:went|moved|placed|sent|gone|go|live|living|lives|stay|staying)\s+(?:to\s+(?:live|stay)\s+)?with\s+(?:his|her|their|my|our|the)\s+"
    r"(?:nan|nana|nanna|gran|granny|grandma|grandmother|grandad|grandfather|grandparents?|aunt|auntie|aunty|uncle|sister|brother|cousin)\b|"
    r"\bkinship\s+(?:care|placement|carer)\b", 0.65, "placement")
cue("looked_after_started", r"\b(?:placed|put|went|moved)\s+(?:with|into|to)\s+(?:a\s+|the\s+)?foster\s+(?:carers?|care|placement|home)\b", 0.55, "placement")
cue("returned_home", r"\b(?:was|were)\s+returned\b(?!\s+to\s+(?:court|school|care))|\b(?:came|come|coming|returned|went|go|sent)\s+(?:back\s+)?home\s+(?:to\s+(?:us|me|mum|dad))?\b(?!\s+for\s+good)|\breturned\s+to\s+(?:our|my)\s+care\b", 0.5, "home")
cue("section_20_removal_request", r"\b(?:asked|asking|requested|wanted)\s+(?:for\s+)?(?:him|her|them|" + CHILD + r")\s+(?:to\s+come\s+)?(?:back|home)\b", 0.55, "s20_request")
cue("objection", r"\bobject(?:ed|ing)?\s+to\b|\bdid\s+not\s+(?:agree|want)\s+(?:to\s+)?(?:the\s+)?(?:placement|section\s+20|accommodation|move)\b", 0.6, "objection", negatable=False)

# --- Child protection -----------------------------------------------------------------------------
cue("strategy_discussion", r"\bstrategy\s+(?:meeting|discussion)\b", 0.85, "strategy")
cue("s47_enquiry_started", r"\b(section\s+47|s\.?\s?47|child\s+protection\s+(?:investigation|enquiry|enquiries)|"
    r"(?:started|opened|began|carried\s+out)\s+an?\s+investigation)\b", 0.75, "s47")
cue("cp_plan_ended", r"\b(?:taken|came|come|removed)\s+off\s+(?:the\s+)?(?:child\s+protection\s+|cp\s+)?(?:plan|register)\b|"
    r"\b(?:child\s+protection|cp)\s+plan\s+(?:was\s+)?(?:ended|closed|stepped\s+down)\b|\bstepped\s+down\s+to\s+(?:child\s+in\s+need|cin)\b", 0.75, "cp_plan")
cue("cp_plan_started", r"\b(?:put|putting|placed|placing)\s+(?:\w+\s+){0,3}on\s+(?:a\s+)?(?:child\s+protection|cp)\b|\b(?:child\s+protection\s+(?:plans?|register)|cp\s+plan|cpp|on\s+the\s+register|subject\s+to\s+(?:a\s+)?(?:child\s+protection\s+)?plans?|"
    r"(?:placed|put)\s+on\s+(?:a\s+)?(?:child\s+protection|cp))\b", 0.7, "cp_plan")
cue("cin_plan_ended", r"\b(?:child\s+in\s+need|cin)\s+plan\s+(?:was\s+)?(?:ended|closed)\b", 0.7, "cin_plan")
cue("cin_plan_started", r"\b(child\s+in\s+need\s+plan|cin\s+plan|(?:put|placed)\s+on\s+(?:a\s+)?(?:child\s+in\s+need|cin)|"
    r"section\s+17\s+plan)\b", 0.7, "cin_plan")

# --- Meetings (one per sentence) ------------------------------------------------------------------
cue("meeting", r"\b(?:cp\s+)?review\s+(?:child\s+protection\s+)?conference\b|\breview\s+case\s+conference\b", 0.8, "meeting", meeting_type="cp_review_conference")
cue("meeting", r"\b(?:initial\s+(?:child\s+protection\s+)?(?:case\s+)?conference|icpc|child\s+protection\s+conference|cp\s+conferences?|case\s+conference)\b", 0.8, "meeting", meeting_type="icpc")
cue("meeting", r"\b(?:cp\s+)?core\s+(?:group|meeting)s?\b", 0.8, "meeting", meeting_type="core_group")
cue("meeting", r"\b(?:child\s+in\s+need|cin)\s+(?:review\s+)?meetings?\b", 0.8, "meeting", meeting_type="cin_meeting")
cue("meeting", r"\b(?:lac|looked[-\s]after|cla|iro)\s+review\b|\breview\s+with\s+the\s+iro\b", 0.8, "meeting", meeting_type="lac_review")
cue("meeting", r"\b(?:plo|pre[-\s]proceedings|legal\s+planning)\s+meeting\b", 0.8, "meeting", meeting_type="plo_meeting")
cue("meeting", r"\b(?:permanency|permanence|family\s+group)\s+(?:meeting|conference)\b|\bmeeting\s+(?:with|at)\s+(?:social\s+(?:care|services)|the\s+social\s+worker|(?:his|her|my|the)\s+(?:childs?|child's)?\s*school)\b|"
    r"\b(?:called|had|held|arranged)\s+(?:a\s+)?meeting\b", 0.55, "meeting", meeting_type="other")

# --- Involvement and assessment -------------------------------------------------------------------
cue("referral_received", r"\b(?:I|we|she|he|mum|dad|(?:my|her|his|our)\s+(?:partner|husband|wife|mum|mother|dad|father))\s+"
    r"(?:rang|called|phoned|contacted|emailed|wrote\s+to|went\s+to|asked)\s+(?:the\s+)?(?:children'?s\s+services|social\s+services|"
    r"social\s+care|the\s+council|(?:the\s+)?mash|(?:the\s+)?front\s+door|early\s+help)\b|"
    r"\b(?:social\s+services|social\s+care|children'?s\s+services|ss)\s+(?:have|has|had|got|became)\s+(?:been\s+)?involved\b|\b(referr(?:al|ed)(?!\s+to\s+(?:above|below|as|in|earlier))|mash\s+(?:report|referral)|reported\s+(?:us|me|her|him)\s+to\s+social|"
    r"(?:school|hospital|gp|police|doctor|health\s+visitor)\s+(?:called|contacted|rang|phoned)\s+social|(?:asked|ask)\s+(?:social\s+services\s+|them\s+)?for\s+(?:some\s+|any\s+|more\s+)?(?:help|respite|support))\b", 0.65, "referral")
cue("assessment_started", r"\b(?:start(?:ed)?|did|done|do|doing|began|carry(?:ing)?\s+out|carried\s+out|had|having|complete[d]?)\s+(?:an?\s+|the\s+|my\s+|our\s+)?(?:section\s+17\s+|s\.?\s?17\s+|child\s+and\s+family\s+|single\s+|parenting\s+|child\s+in\s+need\s+|cin\s+)?assessments?\b|"
    r"\b(?:section\s+17|s\.?\s?17|child\s+and\s+family|single|parenting|child\s+in\s+need|cin)\s+assessments?\b|\bassess(?:ed|ing)\s+(?:us|me|her|him|them|the\s+family)\b", 0.65, "assessment")
cue("assessment_started", r"\bassessments?\b", 0.45, "assessment")
cue("activity", r"\b((?:come|came|coming|comes)\s+round\b|came\s+(?:round\s+)?to\s+(?:our|the|my|his|her)\s+(?:house|home|flat)|home\s+visits?|visited\s+(?:the|our|my|their|her|his)\s+(?:\w+\s+)?(?:house|home|flat)|"
    r"visited\s+(?:us|me)|visits?\s+from|turned\s+up\s+at\s+(?:the|our|my)\s+(?:house|door|home)|unannounced\s+visit)\b", 0.7, "activity", activity="home_visit")
cue("activity", r"\b(?:saw|seen|spoke\s+to|spoken\s+to|interviewed|went\s+to\s+see|talked\s+to)\s+(?:" + CHILD + r"|the\s+(?:youngest|eldest)(?:\s+\w+){0,2})"
    r"(?:\s+(?:alone|on\s+(?:their|his|her)\s+own|at\s+school|without\s+us))?\b", 0.55, "activity", needs=PROFESSIONAL, activity="child_seen_alone")
# A child named, seen or spoken to away from the parents ("She spoke to Chidi at school without telling us").
cue("activity", r"\b(?:saw|seen|spoke\s+to|spoken\s+to|interviewed|talked\s+to)\s+(?-i:[A-Z][a-z]+)\s+(?:alone|on\s+(?:their|his|her)\s+own|"
    r"at\s+(?:school|nursery|college)|without\s+(?:telling\s+)?(?:us|me|mum|dad))\b", 0.55, "activity",
    activity="child_seen_alone")
cue("activity", r"\b(?:contacted|spoke\s+to|called|rang|wrote\s+to)\s+(?:the\s+|his\s+|her\s+|my\s+|our\s+)?(?:school|gp|doctor|nursery|health\s+visitor|ex|employer|hospital)\b", 0.55, "activity", needs=PROFESSIONAL, activity="contact_third_party")
cue("activity", r"\b(?:shared|passed\s+on|gave)\s+(?:my|our|his|her)\s+(?:information|details|records)\b", 0.55, "activity", activity="information_sharing")

# --- Agreement and pressure -----------------------------------------------------------------------
cue("consent", r"\b(?:withdrew|withdrawn|took\s+back|revoked)\s+(?:my|our|his|her)?\s*(?:consent|agreement)\b|\bchanged\s+(?:my|our)\s+minds?\s+about\s+(?:the\s+)?(?:section\s+20|placement|assessment)\b", 0.75, "consent",
    negatable=False, decision="withdrawn")
cue("consent", r"\b(?:I|we|she|he|mum|dad|(?-i:[A-Z][a-z]+)|(?:my|her|his|our)\s+(?:partner|husband|wife|ex))\s+(?:have\s+|had\s+|has\s+)?(?:refused|declined|said\s+no\s+to)\b|\b(?:did\s+not\s+(?:consent|agree)|didn'?t\s+(?:consent|agree)|would\s+not\s+(?:consent|agree)|wouldn'?t\s+(?:consent|agree))\b", 0.65, "consent",
    negatable=False, decision="refused")
cue("consent", r"\b(?:refused|declined)\s+(?:the\s+|an?\s+|their\s+)?(?:assessment|visit|plan|section\s+20|test|help|support|medical|consent)\b", 0.6, "consent",
    negatable=False, decision="refused")
cue("consent", r"\b(?:signed\s+(?:the\s+)?(?:papers|forms?|agreement|consent)|gave\s+(?:my|our|his|her)\s+consent|consented|agreed\s+to\s+(?:the\s+|an?\s+|a\s+)?(?:assessment|visit|section\s+20|plan|placement|them|it|work|this))\b", 0.6, "consent",
    decision="given")
cue("pressure", r"\b(threaten(?:ed|ing)?|threat|pressur(?:e|ed|ised)|forced|bullied|coerced|intimidat\w+|"
    r"told\s+(?:us|me|her|him)\s+(?:we|i|she|he)\s+(?:had|have)\s+(?:no\s+choice|to)|"
    r"(?:or|otherwise)\s+(?:they|she|he|the\s+council)\s+(?:would|will)\s+(?:go\s+to\s+court|take|remove)|"
    r"if\s+(?:\w+\s+){1,2}(?:didn'?t|didnt|did\s+not|don'?t|dont|do\s+not|refuse\w*|would\s+not|wouldn'?t|won'?t|wont)\b[^.]{0,90}\b"
    r"(?:court|take|remove|care|escalat\w*|child\s+protection|police|section\s+47))", 0.65, "pressure", negatable=False)

# --- Contact and workers --------------------------------------------------------------------------
cue("contact_stopped", r"\b(?:stopped|stop|suspended|cancelled|ended)\s+(?:all\s+)?(?:the\s+|our\s+|my\s+)?contacts?\b|\bcontacts?\s+(?:was|were|has\s+been|got)\s+(?:stopped|suspended|cancelled)\b|\bno\s+contact\s+(?:at\s+all|allowed)\b", 0.7, "contact", negatable=False)
cue("contact_refused", r"\brefused\s+(?:us\s+|me\s+)?contact\b|\bwould(?:n'?t| not)\s+(?:let|allow)\s+(?:us|me)\s+(?:see|contact)\b", 0.65, "contact", negatable=False)
cue("contact_arranged", r"\bsupervised\s+contacts?\b|\bcontact\s+(?:centre|center)\b|\bcontact\s+(?:was\s+)?(?:arranged|set\s+up|agreed)\b", 0.55, "contact", supervised=None)
cue("social_worker_changed", r"\b(?:new|different|another)\s+social\s+worker\b|\bsocial\s+worker\s+(?:\w+\s+){0,5}(?:left|changed|moved\s+on)\b", 0.6, "worker")
cue("case_closed", r"\b(?:signed\s+off|case\s+(?:was\s+)?closed|closed\s+(?:the|our|my)\s+case|no\s+further\s+action|nfa)\b", 0.65, "closed")

# --- Challenging and information ------------------------------------------------------------------
cue("complaint_response", r"\b(?:sent|issued|gave|provided|received|got)\s+(?:its|their|a|the|my|our|her|his)?\s*stage\s+(?:2|two)\s+(?:response|reply|answer|decision|findings|report)\b", 0.75, "complaint", stage=2)
cue("complaint_response", r"\b(?:sent|issued|gave|provided|received|got)\s+(?:its|their|a|the|my|our|her|his)?\s*(?:stage\s+(?:1|one)\s+)?(?:response|reply|answer)\s+(?:to\s+(?:my|our|the|her|his)\s+complaint)?", 0.6, "complaint")
cue("complaint_made", r"\b(?:stage\s+(?:3|three)|review\s+panel)\b", 0.7, "complaint", stage=3)
cue("complaint_made", r"\bstage\s+(?:2|two)\b", 0.75, "complaint", stage=2)
cue("complaint_response", r"\b(?:response|reply|answer)\s+to\s+(?:my|our|the)\s+complaint\b|\bcomplaint\s+(?:was\s+)?(?:upheld|not\s+upheld|partly\s+upheld|rejected)\b", 0.7, "complaint")
cue("complaint_made", r"\b(?:going\s+through|started|began)\s+(?:the\s+)?complaints?\s+(?:process|procedure)\b|\b(?:made|put\s+in|put|raised|lodged|submitted|filed|wrote|sent|make|making)\s+(?:a\s+|an\s+|another\s+|my\s+|our\s+)?(?:formal\s+|official\s+|stage\s+(?:1|one)\s+)?complaints?\b|\bcomplained\b(?!\s+to\s+(?:us|the\s+(?:local\s+government\s+(?:and\s+social\s+care\s+)?)?ombudsman|the\s+lgsco))", 0.7, "complaint", stage=1)
cue("subject_access_request", r"\b(subject\s+access(?:\s+request)?|\bSAR\b|(?:asked|asking|requested|requesting|applied)\s+for\s+(?:a\s+copy\s+of\s+)?(?:my|our|all\s+(?:my|our)|his|her|the)\s+(?:file|files|records|information))\b", 0.75, "sar")
cue("ombudsman_decision", r"\bombudsman\s+(?:found|decided|upheld|ruled|said)\b", 0.75, "ombudsman")
cue("ombudsman_complaint", r"\b(ombudsman|lgsco|\bLGO\b)\b", 0.7, "ombudsman")
# An Ombudsman's decision speaks of itself as "us": "Mrs X complained to us in November 2021".
cue("ombudsman_complaint", r"\bcomplained\s+to\s+us\b|\bbrought\s+(?:her|his|their)\s+complaint\s+to\s+us\b", 0.6, "ombudsman")
cue("regulator_concern", r"\b(ofsted|social\s+work\s+england|hcpc)\b", 0.6, "regulator")
cue("record_disputed", r"\b(?:reports?|records?|assessments?|minutes|notes)\b[^.]{0,60}\b(?:wrong|inaccurate|untrue|lies|false|incorrect|mistakes?|errors?|distorted|exaggerat\w+)\b|"
    r"\b(?:inaccurate|wrong|false|untrue|incorrect|distorted|misleading)\s+(?:\w+\s+)?(?:reports?|records?|assessments?|minutes|information|statements?)\b|"
    r"\b(?:told|written)\s+(?:many\s+|a\s+lot\s+of\s+)?lies\b|\bput\s+the\s+record\s+straight\b", 0.55, "record")

# "didn't just come in and take the children": the negation carries over verbs joined by "and".
NEGATED_VERBS = re.compile(r"(?:n't|\bnot|\bnever)\s+(?:\w+\s+){0,4}and\s+$", re.IGNORECASE)
UNTIL = re.compile(r"[^.;]{0,60}\buntil\b", re.IGNORECASE)
NEGATION = re.compile(r"\b(?:not|never|no|without|n't|nor)\b|n't\b", re.IGNORECASE)
HEDGE = re.compile(r"\b(?:would|will|might|may|could|can|must|should|going\s+to|plan(?:ned|s)?\s+to|about\s+to|if|unless|want(?:ed)?\s+to|is\s+to|was\s+to|were\s+to|suggested)\b",
                   re.IGNORECASE)


# Words that tie a sentence to a particular family, and words that mark a statement about the system
# in general ("Care proceedings relate to the court process…", "Anyone who is being assessed can
# ask…"). A sentence with the second and none of the first, in a paragraph with none of the first, is
# not an event in this family's life: what it suggests is offered unticked.
FAMILY = re.compile(r"\b(?:I|me|my|we|us|our|mine|ours|myself|ourselves|I'm|I've|I'd|we're|we've|mum|mom|dad|mummy|daddy|"
                    r"the\s+(?:kids|children|baby|boy|girl|boys|girls|youngest|eldest|oldest|twins)|both\s+(?:kids|children)|"
                    r"the\s+social\s+worker(?!s))\b|"
                    r"\b(?:she|he|her|him|his)\b(?!\s+or\b)(?<!\bor\s\w{2})(?<!\bor\s\w{3})", re.IGNORECASE)
GENERIC = re.compile(r"\b(?:parents|families|local\s+authorities|social\s+workers|professionals|practitioners|anyone|"
                     r"any\s+(?:person|parent|family)|people|courts|(?:a|the)\s+(?:parent|family|local\s+authority|court)|"
                     r"if\s+a|where\s+a|when\s+a|can|must|should|may|tend\s+to|usually|often|generally|typically|"
                     r"in\s+most\s+cases|in\s+practice|relates?\s+to|means?)\b", re.IGNORECASE)
GENERAL_PENALTY = 0.35


@dataclass(frozen=True)
class KindMatch:
    kind: str
    fields: dict[str, Any]
    confidence: float
    start: int
    end: int
    words: str  # the words that suggested it


def kinds_in(sentence: str, paragraph: str = "") -> list[KindMatch]:
    """Every kind the sentence suggests, one per group, in the order they are written. The paragraph
    around it tells whether it is about a family at all."""
    found: dict[str, KindMatch] = {}
    plain = (sentence + " " + paragraph).replace("’", "'")
    general = FAMILY.search(plain) is None and GENERIC.search(sentence) is not None
    for c in CUES:
        if c.group in found:
            continue
        for m in c.pattern.finditer(sentence):
            before = sentence[max(0, m.start() - 60):m.start()]
            clause = re.split(r"[,;:]|\bbut\b", before)[-1]
            # Negation reaches the words it stands next to ("did not sign", "never had a conference"),
            # not a noun further on ("was not told of the conference": the conference still happened);
            # and "did not … until 8 months later" is not a negation at all.
            near = " ".join(clause.split()[-3:])
            if c.needs is not None and not c.needs.search(sentence):
                continue
            negated = NEGATION.search(near) or NEGATED_VERBS.search(clause)
            if c.negatable and negated and not UNTIL.match(sentence, m.end()):
                continue
            confidence = c.confidence
            if HEDGE.search(clause):
                confidence -= 0.25
            if general:
                confidence -= GENERAL_PENALTY
            found[c.group] = KindMatch(c.kind, dict(c.fields), round(max(confidence, 0.1), 2), m.start(), m.end(), m[0])
            break
    return sorted(found.values(), key=lambda k: k.start)
