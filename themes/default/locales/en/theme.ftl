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

nav-search = Search

## The search page (works offline, from a USB stick or a phone).
search-title = Search this site
search-label = Words to look for
search-button = Search
search-prompt = Type one or more words. Search works without an internet connection.
search-results =
    { $count ->
        [one] One page matches
       *[other] { $count } pages match
    }
search-empty = No page matches these words. Try fewer or shorter words, or look through the list of all pages below.
search-no-js = Search needs JavaScript, which is turned off in this browser. Every page is listed below: your browser’s “Find in page” looks through the list.
search-all-pages =
    { $count ->
        [one] The only page of this site
       *[other] All { $count } pages of this site
    }

## HOSTING.html, the hosting guide inside each bundle.
hosting-title = How to host “{ $campaign }”
hosting-intro =
    This folder is a complete copy of the campaign’s website in { $languages }, with { $pages ->
        [one] one page
       *[other] { $pages } pages
    }. It needs no database, no PHP and no internet connection.
hosting-upload-heading = Put it online
hosting-upload-unzip = Unzip the file. Keep the folder as it is: do not rename or move the files inside it.
hosting-upload-copy = Upload the whole folder to your web host (with its file manager or by FTP) into any folder of your site, for example /campaign/.
hosting-upload-open = In a browser, open the address of that folder followed by index.html, for example https://your-site.example/campaign/index.html.
hosting-offline-heading = Without internet
hosting-offline-body = The folder also works from a USB stick, a memory card or a phone: open index.html in a browser. Search works offline too.
hosting-service-worker = When the pages are served over https, readers’ browsers keep them after the first visit, so they can read them again without a connection.
hosting-check-heading = Check the files
hosting-check-body = MANIFEST.sha256 lists a checksum of every file. In a terminal, in this folder, run the command below: every line must end in OK. If a file is reported as changed or missing, download the bundle again.
hosting-check-windows = On Windows, PowerShell shows the checksum of one file with this command; compare it with its line in MANIFEST.sha256:
hosting-update = When a new version is published, compare its MANIFEST.sha256 with this one: if the two files are identical, nothing has changed.
hosting-contact-heading = Questions
hosting-contact = Write to { $email }.
hosting-licence-heading = Licence
hosting-credits-heading = Made with
hosting-credits-intro = This campaign is made together with these partners. Please keep their names and logos when you host it.
hosting-open-site = Open the website
