"""The law the letters rest on, as citations. Each is from the England law pack's facts
(/work/shared/spec/legal-facts.md ids in the comments); nothing is cited that the pack does not hold.
URLs are given only where the address is the official, stable one.
"""

from __future__ import annotations

from fairwitness.law.findings import Citation

CA1989 = "Children Act 1989"
_CA_URL = "https://www.legislation.gov.uk/ukpga/1989/41"
_GDPR_URL = "https://www.legislation.gov.uk/eur/2016/679"

# ca1989.s26.3.complaints_procedure
CA_S26_3 = Citation(CA1989, "section 26(3): the representations (complaints) procedure", f"{_CA_URL}/section/26")
# rep2006.*
REPS_2006 = "Children Act 1989 Representations Procedure (England) Regulations 2006 (SI 2006/1738)"
REPS_URL = "https://www.legislation.gov.uk/uksi/2006/1738"
REPS_STAGE1 = Citation(REPS_2006, "stage 1 (local resolution): 10 working days, up to 20 if extended", REPS_URL)
REPS_STAGE2 = Citation(REPS_2006, "regulation 17, stage 2 (investigation): 25 working days, up to 65 with written notice", REPS_URL)
REPS_PANEL = Citation(REPS_2006, "regulations 18 and 19, stage 3 (review panel): the panel meets within 30 working days", REPS_URL)
REPS_TIME_LIMIT = Citation(REPS_2006, "regulation 9: a complaint within one year", REPS_URL)
# ukgdpr.*, dpa2018.*
GDPR_ART12_3 = Citation("UK GDPR", "Article 12(3): one calendar month, extendable by two months only if notified within the first", f"{_GDPR_URL}/article/12")
GDPR_ART15 = Citation("UK GDPR", "Article 15: right of access", f"{_GDPR_URL}/article/15")
GDPR_ART16 = Citation("UK GDPR", "Article 16: right to rectification", f"{_GDPR_URL}/article/16")
GDPR_ART18 = Citation("UK GDPR", "Article 18(1)(a): restriction of processing while accuracy is contested", f"{_GDPR_URL}/article/18")
DPA2018 = Citation("Data Protection Act 2018", "Schedule 3 Part 3 (social work data): exemptions apply case by case",
                   "https://www.legislation.gov.uk/ukpga/2018/12/schedule/3/part/3")
# ca1989.s17.voluntary_nature
CA_PART3 = Citation(CA1989, "Part III (section 17): services for children in need are offered, not imposed", f"{_CA_URL}/section/17")
# ca1989.s20.7.pr_objection, ca1989.s20.8.removal_any_time, caselaw.williams_v_hackney_2018
CA_S20_7_8 = Citation(CA1989, "section 20(7) and (8): a person with parental responsibility may object, and may remove the child at any time", f"{_CA_URL}/section/20")
WILLIAMS = Citation("Williams v London Borough of Hackney [2018] UKSC 37", "section 20 is voluntary; the rights to object and to remove are its safeguards",
                    "https://www.bailii.org/uk/cases/UKSC/2018/37.html")
# wt.conference.parent_participation, wt.parents_without_pr.conference_and_assessment
WORKING_TOGETHER = "Working Together to Safeguard Children (statutory guidance)"
WT_URL = "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"
WT_PARTICIPATION = Citation(WORKING_TOGETHER, "parents and everyone with parental responsibility are involved, invited and helped to take part (no paragraph number verified)", WT_URL)
WT_PARENTS_WITHOUT_PR = Citation(WORKING_TOGETHER, "working with both parents, whether or not a father has parental responsibility (no paragraph number verified)", WT_URL)
WT_THRESHOLDS = Citation(WORKING_TOGETHER, "local arrangements: the published threshold document and the local protocol for assessment (no paragraph number verified)", WT_URL)
# lgsco.after_council_process, lgsco.time_limit_12_months
LGA1974 = Citation("Local Government Act 1974", "Part III: the Local Government and Social Care Ombudsman", "https://www.legislation.gov.uk/ukpga/1974/7/part/III")
LGSCO_12_MONTHS = Citation("Local Government and Social Care Ombudsman guidance", "complaints normally within 12 months of knowing of the problem, after the council's process", "https://www.lgo.org.uk")
