# Textes de l’interface du thème par défaut. Une campagne peut remplacer chacun d’eux dans locales/<locale>/*.ftl.

# Le nom de cette langue, écrit dans cette langue (affiché dans le sélecteur de langue).
locale-name = Français

skip-to-content = Aller au contenu principal
site-navigation = Site
nav-home = Accueil
nav-partners = Partenaires
nav-status = État des traductions
language-switcher = Choisir une langue
language-switcher-current = { $language } (langue actuelle)
breadcrumb = Vous êtes ici

home-stages-heading = Des informations pour chaque étape de votre parcours
home-stage-empty = Il n’y a pas encore de page pour cette étape.
home-all-topics = Tous les thèmes

stage-before-departure = Avant de partir
stage-in-transit = Pendant le trajet
stage-at-destination = À l’arrivée
stage-return = Le retour

audience-women = Femmes
audience-men = Hommes
audience-youth = Jeunes
audience-children = Enfants
audience-persons-with-disabilities = Personnes en situation de handicap
audience-older-people = Personnes âgées

section-page-count =
    { $count ->
        [one] { $count } page dans cette rubrique
        [many] { $count } de pages dans cette rubrique
       *[other] { $count } pages dans cette rubrique
    }

page-stages = Étapes de la migration
page-audiences = Pour qui
page-reviewed = Informations vérifiées le { $date }
page-review-by = Prochaine vérification prévue au plus tard le { $date }
page-sources = D’où viennent ces informations
page-translations = Cette page dans d’autres langues

fallback-notice = Cette page n’est pas encore traduite en { $language }. Elle est affichée en { $source } en attendant une traduction.

credits-heading = Réalisé avec
credits-campaign = Partenaires de la campagne
partner-logo-alt = Logo de { $name }

partners-title = Nos partenaires
partners-intro = Cette campagne est réalisée avec des organisations de toutes les composantes de la société.
partner-kind-migrants = Organisations de personnes migrantes
partner-kind-civil-society = Société civile
partner-kind-faith-based = Organisations confessionnelles
partner-kind-trade-union = Syndicats
partner-kind-diaspora = Organisations de la diaspora
partner-kind-private-sector = Employeurs et secteur privé
partner-kind-local-authority = Collectivités locales
partner-kind-parliament = Parlements
partner-kind-human-rights-institution = Institutions des droits humains
partner-kind-media = Médias
partner-kind-red-cross-red-crescent = Croix-Rouge et Croissant-Rouge
partner-kind-academia = Universités et recherche
partner-kind-government = Gouvernement
partner-kind-international-organisation = Organisations internationales

not-found-title = Page introuvable
not-found-body = Nous n’avons pas trouvé cette page. Elle a peut-être été déplacée.
not-found-home = Aller à la page d’accueil

choose-language-title = Choisissez votre langue
footer-built-with = Créé avec Herald
