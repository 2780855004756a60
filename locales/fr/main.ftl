# Textes de toute la campagne « Une migration sûre commence par l’information ».
# Gardez { $number }, { $email } et { $count } exactement tels quels.

campaign-title = Une migration sûre commence par l’information
campaign-tagline = Des informations fiables et gratuites pour chaque étape de votre parcours.
campaign-contact = Des questions ? Écrivez à { $email }.
campaign-licence = Texte sous licence Creative Commons Attribution 4.0 (CC BY 4.0).
hotline = Ligne d’aide gratuite : { $number } (numéro d’exemple), 24 heures sur 24.
pages-updated =
    { $count ->
        [one] { $count } page a été mise à jour ce mois-ci.
        [many] { $count } de pages ont été mises à jour ce mois-ci.
       *[other] { $count } pages ont été mises à jour ce mois-ci.
    }
