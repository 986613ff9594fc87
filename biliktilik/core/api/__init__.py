"""What every app's API shares: the error renderer, pagination, the schema class and its error
responses, and the fields that look related ids up within the actor's scope. ``biliktilik.api``
is only the URL tree; the apps import these from here, so none imports to its right."""
