"""Every kind of public page, as a reader reaches it: for the accessibility and interface-language checks."""

# (path after /<language>/, the status a reader gets)
PUBLIC_PAGES = [
    ("", 200),
    ("about/", 200),
    ("knowledge-hub/", 200),
    ("knowledge-hub/cbe-transformation/", 200),
    ("knowledge-hub/best-practices/", 200),
    ("knowledge-hub/best-practices/?track=4&country=tj", 200),
    ("knowledge-hub/best-practices/systems-approach-to-digital-learning/", 200),
    ("news/", 200),
    ("news/2018/", 200),
    ("news/unesco-iite-national-workshop-ict-oer-2018/", 200),
    ("stakeholders/", 200),
    ("stakeholders/?q=unicef", 200),
    ("stakeholders/?category=un-agency", 200),
    ("stakeholders/unicef/", 200),
    ("events/", 200),
    ("events/?when=past", 200),
    ("events/?type=leg-meeting&organiser=moes", 200),
    ("events/calendar/", 200),
    ("events/calendar/2026/11/", 200),  # another month
    ("events/calendar/2031/1/", 200),  # an empty month
    ("events/leg-quarterly-meeting/", 200),
    ("events/assessment-training/", 200),
    ("documents/", 200),
    ("documents/?type=meeting&language=en", 200),
    ("projects/?donor=eu&sort=budget", 200),  # filters in use; every chart and table
    ("projects/who-does-what-where/", 200),
    ("projects/xi-iati-ec_intpa-sample-tj-teachers/", 200),  # in EUR, with a chart and progress notes
    ("search/", 200),
    ("search/?q=education", 200),
    ("search/?q=qqqzzzxxx", 200),
    ("search/?q=cordination", 200),  # a misspelling, corrected
    ("search/?q=teachers&type=events", 200),  # one kind of result
    ("privacy/", 200),
    ("accessibility/", 200),
    ("accounts/login/", 200),
    ("no-such-page/", 404),
]
