# Default theme UI strings. A campaign may override any of them in locales/<locale>/*.ftl.

# The name of this language, written in this language (shown in the language switcher).
locale-name = English

skip-to-content = Skip to main content
site-navigation = Site
nav-home = Home
nav-partners = Partners
nav-status = Translation status
language-switcher = Choose a language
language-switcher-current = { $language } (current language)
breadcrumb = You are here

home-stages-heading = Information for every stage of your journey
home-stage-empty = There is no page for this stage yet.
home-all-topics = All topics

stage-before-departure = Before you leave
stage-in-transit = On the way
stage-at-destination = When you arrive
stage-return = Going home

audience-women = Women
audience-men = Men
audience-youth = Young people
audience-children = Children
audience-persons-with-disabilities = People with disabilities
audience-older-people = Older people

section-page-count =
    { $count ->
        [one] One page in this section
       *[other] { $count } pages in this section
    }

page-stages = Stages of migration
page-audiences = Written for
page-reviewed = Facts checked on { $date }
page-review-by = Next check due by { $date }
page-sources = Where this information comes from
page-translations = This page in other languages

fallback-notice = This page is not yet translated into { $language }. It is shown in { $source } until a translation is ready.

credits-heading = Made with
credits-campaign = Campaign partners
partner-logo-alt = Logo of { $name }

partners-title = Our partners
partners-intro = This campaign is made together with organisations from every part of society.
partner-kind-migrants = Migrant organisations
partner-kind-civil-society = Civil society
partner-kind-faith-based = Faith-based organisations
partner-kind-trade-union = Trade unions
partner-kind-diaspora = Diaspora organisations
partner-kind-private-sector = Employers and private sector
partner-kind-local-authority = Local authorities
partner-kind-parliament = Parliaments
partner-kind-human-rights-institution = Human rights institutions
partner-kind-media = Media
partner-kind-red-cross-red-crescent = Red Cross and Red Crescent
partner-kind-academia = Universities and research
partner-kind-government = Government
partner-kind-international-organisation = International organisations

not-found-title = Page not found
not-found-body = We could not find this page. It may have moved.
not-found-home = Go to the home page

choose-language-title = Choose your language
footer-built-with = Built with Herald
