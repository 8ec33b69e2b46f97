"""Which answers the phone's service worker (templates/geoportal/sw.js) may keep and show again at once on the next
visit, before the server has answered (it asks the server at the same time and says so when the page changed).

Only the citizen pages that read the same for every anonymous visitor of one URL: the map, the form and one
tracking code's page. Never a staff page, never a page answered to a signed-in user (it carries their session's
view), never a page with a one-off message (it would show again), never a look-up by query string, never a refusal.
The worker keeps nothing that lacks this header, so a new page is safe until a view says otherwise."""

from functools import wraps

from django.contrib import messages

KEEP_HEADER = "Lapor-Keep"


def kept_on_the_phone(view):
    """Marks the view's plain answers as ones the service worker may keep (see the module's docstring)."""

    @wraps(view)
    def marked(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if (
            request.method == "GET"
            and not request.GET
            and response.status_code == 200
            and not request.user.is_authenticated
            and not len(messages.get_messages(request))
        ):
            response[KEEP_HEADER] = "page"
        return response

    return marked
