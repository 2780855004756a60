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

nav-search = Rechercher

## The search page (works offline, from a USB stick or a phone).
search-title = Rechercher dans ce site
search-label = Mots à chercher
search-button = Rechercher
search-prompt = Tapez un ou plusieurs mots. La recherche fonctionne sans connexion internet.
search-results =
    { $count ->
        [one] { $count } page correspond
        [many] { $count } de pages correspondent
       *[other] { $count } pages correspondent
    }
search-empty = Aucune page ne correspond à ces mots. Essayez avec moins de mots ou des mots plus courts, ou parcourez la liste de toutes les pages ci-dessous.
search-no-js = La recherche a besoin de JavaScript, qui est désactivé dans ce navigateur. Toutes les pages sont listées ci-dessous : la fonction « Rechercher dans la page » de votre navigateur parcourt cette liste.
search-all-pages =
    { $count ->
        [one] La seule page de ce site
        [many] Les { $count } de pages de ce site
       *[other] Les { $count } pages de ce site
    }

## HOSTING.html, the hosting guide inside each bundle.
hosting-title = Comment héberger « { $campaign } »
hosting-intro =
    Ce dossier est une copie complète du site de la campagne en { $languages }, avec { $pages ->
        [one] { $pages } page
        [many] { $pages } de pages
       *[other] { $pages } pages
    }. Il ne demande ni base de données, ni PHP, ni connexion internet.
hosting-upload-heading = Le mettre en ligne
hosting-upload-unzip = Décompressez le fichier. Gardez le dossier tel quel : ne renommez ni ne déplacez les fichiers qu’il contient.
hosting-upload-copy = Envoyez tout le dossier chez votre hébergeur (avec son gestionnaire de fichiers ou par FTP), dans n’importe quel dossier de votre site, par exemple /campagne/.
hosting-upload-open = Dans un navigateur, ouvrez l’adresse de ce dossier suivie de index.html, par exemple https://votre-site.example/campagne/index.html.
hosting-offline-heading = Sans internet
hosting-offline-body = Le dossier fonctionne aussi depuis une clé USB, une carte mémoire ou un téléphone : ouvrez index.html dans un navigateur. La recherche fonctionne aussi hors ligne.
hosting-service-worker = Quand les pages sont servies en https, le navigateur des lecteurs les garde après la première visite : ils peuvent les relire sans connexion.
hosting-check-heading = Vérifier les fichiers
hosting-check-body = MANIFEST.sha256 donne une somme de contrôle pour chaque fichier. Dans un terminal, dans ce dossier, lancez la commande ci-dessous : chaque ligne doit finir par OK. Si un fichier est signalé comme modifié ou manquant, téléchargez à nouveau le paquet.
hosting-check-windows = Sous Windows, PowerShell affiche la somme de contrôle d’un fichier avec cette commande ; comparez-la avec sa ligne dans MANIFEST.sha256 :
hosting-update = Quand une nouvelle version est publiée, comparez son MANIFEST.sha256 avec celui-ci : si les deux fichiers sont identiques, rien n’a changé.
hosting-contact-heading = Questions
hosting-contact = Écrivez à { $email }.
hosting-licence-heading = Licence
hosting-credits-heading = Réalisé avec
hosting-credits-intro = Cette campagne est réalisée avec ces partenaires. Merci de garder leurs noms et leurs logos quand vous l’hébergez.
hosting-open-site = Ouvrir le site
