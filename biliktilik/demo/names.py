"""Names for demo people: Kazakh, Russian and a few other names common in Kazakhstan.

Kazakh surnames are kept in their male form; the female form adds "а" to -ов/-ев/-ин, and
"-ұлы" becomes "-қызы". Patronymics are either Kazakh ("Серікұлы", "Серікқызы") or in the
Russian pattern ("Серікович", "Серіковна"); Russian ones come in male/female pairs.
"""

from __future__ import annotations

import random

KAZAKH_MALE_FIRST = (
    "Асқар", "Ерлан", "Нұрлан", "Бауыржан", "Ержан", "Дәулет", "Қайрат", "Серік", "Мұрат", "Азамат",
    "Бекзат", "Жандос", "Ғалым", "Әлібек", "Талғат", "Нұрсұлтан", "Өмірзақ", "Ұлан", "Дидар", "Марат",
    "Ақжол", "Санжар", "Темірлан", "Шыңғыс", "Абылай", "Елдос", "Қанат", "Мейрам", "Рүстем", "Әділет",
    "Бағдат", "Жасұлан", "Мұхтар", "Сәкен", "Ілияс", "Ербол", "Жаһангер", "Ғабит", "Нұржан", "Арман",
    "Айдос", "Бақытжан", "Дархан", "Еркебұлан", "Жомарт", "Қуаныш", "Медет", "Олжас", "Сұлтан", "Тимур",
)  # fmt: skip
KAZAKH_FEMALE_FIRST = (
    "Әйгерім", "Гүлнұр", "Айгүл", "Ақмарал", "Жанар", "Динара", "Сәуле", "Мөлдір", "Аружан", "Балжан",
    "Гүлмира", "Жұлдыз", "Қарлығаш", "Ләззат", "Меруерт", "Нұргүл", "Перизат", "Раушан", "Салтанат", "Толқын",
    "Ұлжан", "Үміт", "Шынар", "Әсел", "Айнұр", "Бибігүл", "Ғалия", "Зейнеп", "Інжу", "Күнсұлу",
    "Шаһизада", "Гүлжан", "Дана", "Қымбат", "Мәдина", "Назерке", "Самал", "Тоғжан", "Айжан", "Ботагөз",
)  # fmt: skip
# Fathers' names for patronymics: all end in a consonant, so both patterns read naturally.
KAZAKH_FATHERS = (
    "Серік", "Асқар", "Ерлан", "Нұрлан", "Қайрат", "Мұрат", "Марат", "Талғат", "Бауыржан", "Ержан",
    "Жұмабек", "Төлеген", "Сәрсен", "Өтеген", "Әбдірахман", "Құдайберген", "Ысқақ", "Болат", "Дәулет", "Ғалым",
    "Қанат", "Бақыт", "Мұхтар", "Есен", "Жақып", "Рахымжан", "Үсен", "Шәріп", "Кенжебек", "Оспан",
)  # fmt: skip
KAZAKH_SURNAMES = (
    "Әбілқасымов", "Серікбаев", "Нұрланов", "Жұмабаев", "Тоқтаров", "Қасымов", "Оспанов", "Ержанов",
    "Бекмұхамедов", "Сәрсенбаев", "Мұқанов", "Әбдірахманов", "Дүйсенбаев", "Ғабдуллин", "Өтегенов",
    "Құдайбергенов", "Төлеуов", "Ысқақов", "Үсенов", "Шәріпов", "Баймұханов", "Кенжебаев", "Ахметов",
    "Есенов", "Жақыпов", "Ізбасаров", "Қожахметов", "Мұстафин", "Рахымжанов", "Сейітқалиев", "Тұрсынов",
    "Әлиев", "Қалиев", "Нұрғалиев", "Бөкейханов", "Жанұзақов", "Әуезов", "Сағындықов", "Омаров",
    "Байжанов", "Темірбеков", "Мақсұтов", "Қабдолов", "Нұрпейісов", "Өмірбеков", "Ұзақбаев", "Һашимов",
    "Сәтбаев", "Иманғалиев", "Дәуренбеков", "Қуанышев", "Жүсіпов", "Әмірханов", "Байтұрсынов",
)  # fmt: skip
# Surnames in the "-ұлы" pattern; women of the family write "-қызы".
KAZAKH_ULY_SURNAMES = ("Сәрсенұлы", "Нұрбекұлы", "Қайратұлы", "Ерланұлы", "Төлегенұлы", "Болатұлы")

RUSSIAN_MALE_FIRST = (
    "Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Евгений", "Владимир", "Николай", "Игорь",
    "Михаил", "Павел", "Виктор", "Олег", "Юрий", "Константин", "Денис", "Максим", "Роман", "Артём", "Илья",
)  # fmt: skip
RUSSIAN_FEMALE_FIRST = (
    "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Анна", "Мария", "Екатерина", "Людмила",
    "Галина", "Марина", "Юлия", "Оксана", "Вера", "Надежда", "Алёна", "Ксения", "Дарья", "Полина",
)  # fmt: skip
RUSSIAN_SURNAMES = (
    "Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков",
    "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов",
    "Степанов", "Николаев", "Орлов", "Белоусов", "Захаров", "Зайцев", "Борисов", "Романов",
)  # fmt: skip
RUSSIAN_INVARIANT_SURNAMES = ("Шевченко", "Коваленко", "Бондаренко", "Ткаченко")
RUSSIAN_PATRONYMICS = (
    ("Александрович", "Александровна"), ("Сергеевич", "Сергеевна"), ("Владимирович", "Владимировна"),
    ("Николаевич", "Николаевна"), ("Викторович", "Викторовна"), ("Юрьевич", "Юрьевна"),
    ("Петрович", "Петровна"), ("Михайлович", "Михайловна"), ("Андреевич", "Андреевна"),
    ("Игоревич", "Игоревна"), ("Геннадьевич", "Геннадьевна"), ("Анатольевич", "Анатольевна"),
)  # fmt: skip
# Other families of Kazakhstan: Korean (invariant surnames), Tatar, Uzbek, Uyghur.
OTHER_INVARIANT_SURNAMES = ("Ким", "Пак", "Ли", "Цой", "Тен", "Хан")
OTHER_SURNAMES = ("Ғайнуллин", "Хасанов", "Юсупов", "Каримов", "Розиев", "Насыров", "Валиев")
OTHER_MALE_FIRST = ("Ринат", "Шерзод", "Ильдар", "Рафаэль", "Эльдар", "Тимур", "Руслан")
OTHER_FEMALE_FIRST = ("Дилноза", "Гульнара", "Альфия", "Лейла", "Зарина", "Камила", "Эльвира")


def female_surname(male: str) -> str:
    """The female form of a surname given in its male form."""
    if male.endswith("ұлы"):
        return male[: -len("ұлы")] + "қызы"
    if male.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return male + "а"
    return male


def kazakh_patronymic(father: str, *, female: bool, russian_pattern: bool) -> str:
    if russian_pattern:
        return father + ("овна" if female else "ович")
    return father + ("қызы" if female else "ұлы")


def person_name(rng: random.Random, *, female: bool) -> tuple[str, str, str]:
    """(last name, first name, patronymic) for one person; the patronymic may be empty."""
    roll = rng.random()
    if roll < 0.72:
        if rng.random() < 0.06:
            surname = rng.choice(KAZAKH_ULY_SURNAMES)
        else:
            surname = rng.choice(KAZAKH_SURNAMES)
        first = rng.choice(KAZAKH_FEMALE_FIRST if female else KAZAKH_MALE_FIRST)
        if rng.random() < 0.04:
            middle = ""
        else:
            middle = kazakh_patronymic(rng.choice(KAZAKH_FATHERS), female=female, russian_pattern=rng.random() < 0.4)
    elif roll < 0.92:
        surname = rng.choice(RUSSIAN_SURNAMES if rng.random() < 0.85 else RUSSIAN_INVARIANT_SURNAMES)
        first = rng.choice(RUSSIAN_FEMALE_FIRST if female else RUSSIAN_MALE_FIRST)
        middle = rng.choice(RUSSIAN_PATRONYMICS)[1 if female else 0]
    else:
        surname = rng.choice(OTHER_INVARIANT_SURNAMES if rng.random() < 0.5 else OTHER_SURNAMES)
        first = rng.choice(
            (OTHER_FEMALE_FIRST + RUSSIAN_FEMALE_FIRST[:5]) if female else (OTHER_MALE_FIRST + RUSSIAN_MALE_FIRST[:5])
        )
        middle = rng.choice(RUSSIAN_PATRONYMICS)[1 if female else 0]
    last = female_surname(surname) if female else surname
    return last, first, middle


_LATIN = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o",
    "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh",
    "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
    "ю": "iu", "я": "ia", "-": "-",
}  # fmt: skip


def latin(text: str) -> str:
    """A plain Latin spelling of a Cyrillic name, for e-mail addresses."""
    out = []
    for char in text.lower():
        if char in _LATIN:
            out.append(_LATIN[char])
        elif char.isascii() and char.isalnum():
            out.append(char)
    return "".join(out)
