"""A refusal in Open311's terms: an HTTP status and one description per problem, in the reader's language."""


class Open311Error(Exception):
    def __init__(self, status: int, *descriptions: str, retry_after: int | None = None):
        super().__init__(status, descriptions)
        self.status = status
        self.descriptions = [str(text) for text in descriptions]
        self.retry_after = retry_after
