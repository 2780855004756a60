# Campaign-wide text for "Safe migration starts with information".
# Keep { $number }, { $email } and { $count } exactly as they are.

campaign-title = Safe migration starts with information
campaign-tagline = Accurate, free information for every stage of your journey.
campaign-contact = Questions? Write to { $email }.
campaign-licence = Text licensed under Creative Commons Attribution 4.0 (CC BY 4.0).
hotline = Free helpline: { $number } (example number), 24 hours a day.
pages-updated =
    { $count ->
        [one] One page was updated this month.
       *[other] { $count } pages were updated this month.
    }
