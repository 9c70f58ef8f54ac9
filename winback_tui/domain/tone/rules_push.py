"""Rules for what pushes them: the past, pressure, guilt, crossed lines, others, claims."""

from __future__ import annotations

from winback_tui.domain.tone.language import (
    _CHOICE_AFTER,
    _DAYS,
    _FAMILY,
    _FREE_BEFORE,
    _MONTHS,
    _NO_WORDS,
    _SEASONS,
    _SOCIAL,
    _TRY_PRESSURE,
    _WATCHED,
    _WHY_PRESSURE,
    Kind,
    Pattern,
    Rule,
    _rule,
)

PUSH: tuple[Rule, ...] = (
    # ------------------------------------------------- dwelling on the past
    _rule(
        Kind.DWELLING,
        Pattern.GENTLE_STARTUP,
        [
            r"(?:do |don't |d'|you )?(?:you )?remember(?! to| me kindly| me fondly)",
        ],
        "Calling up old times pulls the talk into the past; a gentle start-up stays with now.",
        "Speak about the present and what you hope for from here on.",
        opens_sentence=True,
    ),
    _rule(
        Kind.DWELLING,
        Pattern.GENTLE_STARTUP,
        [
            r"(?:do|don't|did) you (?:even |still )?remember",
            r"remember (?:when|how|the time|that time|that night|that day|last|our|what|those"
            r"|us|back)",
            r"(?:that|the) (?:night|day|evening|weekend|morning|summer|time|trip|holiday|party"
            r"|fight"
            r"|argument|christmas|birthday) [^.!?\n,]{1,25}?,? (?:you|we) (?:said|told|promised"
            r"|were|was|did|made|left|kissed|swore|called|looked|had|got|walked|went|used|forgot"
            r"|ignored|chose)",
            r"(?:back then|that time|that night|that day|that evening|that weekend|that morning"
            r"|that summer|the night|the day|the morning|the evening)(?:,| when)? (?:you|we)",
            rf"last (?:{_SEASONS}|night|week|{_DAYS}|{_MONTHS})(?:,| when)? (?:you|we)",
            rf"(?:on |in )?(?:the )?\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTHS})"
            r"(?:,| when)? (?:you|we)",
            rf"(?:{_MONTHS}) \d{{1,2}}(?:st|nd|rd|th)?(?:,| when)? (?:you|we|when you|when we)",
            r"(?:on|at|for|it was) (?:our|your|my) (?:anniversary|birthday|first date|wedding"
            r"|engagement|holiday)(?:,| when)? (?:you|we)",
            r"i keep (?:replaying|thinking about|going over|going back over|going back to"
            r"|rereading|reliving|remembering|seeing|hearing|picturing|coming back to)",
            r"i (?:can't|cannot) stop (?:thinking about|replaying|going over|remembering"
            r"|picturing|reliving)(?! you\b)",
            r"i still (?:think about|remember|replay|reread|go over|dream about|picture|hear"
            r"|relive)"
            r"(?! you\b)",
            r"i still (?:have|keep|read|listen to) (?:every|all)(?: of)?(?: your| the| our| those)?"
            r" (?:messages?|texts?|letters?|photos?|voicemails?|notes?|cards?|emails?)",
            r"i (?:replay|reread|relive|go over) (?:it|them|that|those|everything|every|our|the"
            r"|what)",
            r"(?<!of\show\s)(?<!about\show\s)(?:we|you) used to",
            r"back when (?:we|you)",
            r"back then,? (?:you|we)",
            r"how happy we were",
            r"(?:our|my|your) (?:\w+ )?anniversary (?:was|is|would have been|would've been)"
            r" (?:yesterday|today|tomorrow|last|next|this)",
            r"it (?:would have|would've|will have) been (?:our|\d+|one|two|three|four|five)",
            r"this time last (?:year|summer|winter|christmas|month)",
            r"(?:a|one|two|three) years? (?:ago )?today",
            r"(?:a|one|two|three|four|five|six|\d+|a few|many|so many) (?:years?|months?|weeks?"
            r"|days?) ago(?: today| tonight| this week| now)?,? (?:you|we|when)",
            r"(?:this|that) (?:day|night|week) (?:last year|years ago),? (?:you|we)",
            r"(?<!of\s)(?<!about\s)(?:the way|how) (?:we|things|it|you) used to",
            r"the old (?:days|us|times|you)",
            r"(?:go|get|going|getting) back to (?:how|the way|what|before)",
            r"everything reminds me of (?:that|the|our|when|how|what)",
            r"i still can't believe (?:you|what you|that you|how you|what)",
            r"i'll never forget (?:what|how|when|that|the way) you",
            r"i can't (?:stop thinking|get over) (?:about )?(?:what|how|when|the way) you",
            r"after what you did",
            r"what you did (?:to me|back then|last|at|that|on)",
            r"all those times you",
            r"like (?:last time|the last time|that time|you did before|before)",
            r"you still haven't",
            r"every (?:message|text|letter|photo|word) you (?:ever )?(?:sent|wrote|said)",
        ],
        "Bringing back old times or old grievances pulls the talk into the past; a gentle "
        "start-up stays with now.",
        "Speak about the present and what you hope for from here on.",
    ),
    # --------------------------------------------- pressure and ultimatums
    _rule(
        Kind.PRESSURE,
        Pattern.REQUEST,
        [
            r"(?:just |please |now |so )?(?:answer|reply|respond|call|text|ring|message|pick up"
            r"|talk to me|tell me|come back|come home|come over|meet me|say something|unblock"
            r"|stop ignoring|stop pretending|stop avoiding|stop running|stop fighting|stop hiding"
            r"|stop lying|stop playing|admit|look at me|listen to me|give me|give us|get back to me"
            r"|write back|see me|answer me|call me|text me|don't (?:be late|leave|go|do this|walk"
            r"|say no|give up on us|ignore))",
        ],
        "An order aimed at them leaves no room to say no; in nonviolent communication a "
        "real request does.",
        _TRY_PRESSURE,
        unless_after=_CHOICE_AFTER,
        opens_sentence=True,
    ),
    _rule(
        Kind.PRESSURE,
        Pattern.REQUEST,
        [
            r"you(?:'ve)? (?:have to|need to|ought to|got to|gotta)"
            r"(?! (?:take care|look after|do what's|rest|be kind to yourself|do what feels"
            r"|put yourself))",
            r"you must(?!\s+(?:have|be|feel|'ve|know))",
            r"i need (?:an? )?(?:answer|reply|response|explanation|decision)",
            r"i need (?:you|u) (?:to|back|here|now|so)",
            r"i need to (?:know|hear|see you|talk to you|hear your voice)",
            r"if you (?:don't|won't|can't|ignore|never|keep)"
            r"(?!\s+(?:want|wish|feel|have\s+time|mind|like|need|get\s+(?:a|the)\s+chance))",
            r"(?:answer|reply to|respond to|call|text|ring|message) me"
            r"(?: back)?(?: already| please| now| asap| right now| immediately| tonight| today)?",
            r"(?:call|text|message|reply|answer|respond|write)(?: me)?(?: back)?"
            r" (?:asap|right now|immediately|now|tonight|today)",
            r"why (?:won't|don't|aren't|haven't|didn't|can't|wouldn't|hasn't) you (?:answer|repl"
            r"|respond|text|call|pick up|writ|talk|see|look|messag|get back|just|even)\w*",
            r"why are you (?:ignoring|avoiding|not answering|not replying)",
            r"(?:don't|stop) ignoring (?:me|this|my)|don't ignore (?:me|this|my)"
            r"|(?:you're|why are you) ignoring me",
            r"you can't (?:keep )?(?:ignore|ignoring|avoid|avoiding) me",
            r"i (?:know|can see) you(?:'ve| have)? (?:seen|read) (?:it|this|my|these|them)",
            r"left me on read",
            r"(?:are you|you) (?:even )?(?:reading|getting|seeing) (?:these|this|my)",
            r"i(?:'ve)? (?:texted|called|messaged|rung) (?:you )?(?:\d+|ten|twenty|so many"
            r"|a hundred|a dozen|five|six|seven|eight|nine|dozens of) times",
            r"(?:last|final|one last) (?:chance|warning|offer|time i(?:'m| am)? ask)",
            r"now or never",
            r"or (?:else|we're done|we are done|it's over|that's it|i'm done|i'm gone|i'm leaving"
            r"|i'm coming|i'll come|i will come|i'll show up|i'll turn up|i'm going|i'm gonna"
            r"|forget it|i swear|i give up|i'll never|you'll regret)",
            r"let me know by",
            r"(?:answer|reply|respond|decide|decision|hear from you|hear back|tell me|call|text"
            r"|know|back to me|answer me)(?![\w'])[^.!?\n]{0,30}? (?:by|before|until"
            r"|till) (?:tonight"
            rf"|tomorrow|midnight|noon|the weekend|the end of|end of|this|next|{_DAYS}|\d)",
            r"(?:before|by) (?:tonight|tomorrow|midnight|the weekend|the end of (?:the )?(?:day"
            r"|week))(?: or)",
            r"you(?:'ve| have)?(?: got)? (?:until|till|\d+ (?:hours|days|minutes)|(?:one|two|three"
            r"|24|48) (?:hours|days|minutes)|a (?:day|week))",
            r"i'm giving you (?:until|till|\d|one|two|a|the)",
            r"i'll give you (?:until|till|\d|one|two)",
            r"before (?:it's too late|i give up|i move on|i change my mind|i lose)",
            r"you'll (?:regret|be sorry|come back|be back|realise|realize|miss me|see)",
            r"(?:just )?give (?:me|us|it|this) (?:one more|another|a second|a last|one last|a"
            r" final|a real) (?:chance|try|shot|go)",
            r"(?:one more|another|a second|one last) (?:try|chance|shot|go|time)",
            r"let's (?:try again|give it another|start over|get back together)",
            r"i'll (?:keep (?:trying|texting|calling|messaging|waiting|writing)|wait forever|never"
            r" (?:stop|give up)|wait (?:outside|for you|until|till|here)|be waiting|come over"
            r"|come round|come by|show up|turn up|be outside)",
            r"i'm (?:coming|going to come|gonna come) (?:over|round|to your|to see you)",
            r"i won't (?:stop|give up|take no|accept|leave you alone|let you go)",
            r"i'm not (?:giving up|letting (?:you|this|us) go|going anywhere|taking no)",
            r"no matter what you (?:say|think|want|do|decide)",
            r"(?:i'll|i will) (?:never|not) (?:stop|give up|let you go|accept)",
            r"we (?:need|have|got) to (?:talk|meet|see each other|get back together|try again"
            r"|fix this|sort this out|work this out|figure this)",
            r"we (?:belong|are meant|'re meant|were meant|are supposed to be|'re supposed to be)"
            r" (?:together|to be|for each other)",
            r"meant to be together|meant for each other",
            r"(?:we're|we are) meant to be",
            r"soul ?mates",
            r"(?:you|we) both know",
            r"you know (?:you|we|it) (?:still )?(?:love|want|belong|miss|need|feel|are|'re"
            r"|should)",
            r"deep down (?:you|u)",
            r"(?:we're|we are|this is|this isn't|we aren't) not (?:over|done|finished)",
            r"(?:we're|we are) not over|this isn't over",
            r"and you know it",
            r"(?:just )?admit (?:it|that|you)",
            r"(?:stop|quit) (?:pretending|fighting it|fighting this|lying to yourself)",
            r"(?:nobody|no one) (?:will|could|is going to) (?:ever )?(?:love|know|understand"
            r"|want) you like",
            r"please,? (?:just |please )?(?:answer|reply|respond|call|text|talk|listen|come"
            r" back|come home|meet|see me|give me|give us|tell me|pick up|unblock|stop|don't"
            r" leave|don't go|don't ignore|don't do this|let me|let's|reconsider|change your"
            r" mind|please)",
            r"don't you dare",
            r"how long (?:are you|will you|do i have to|am i supposed to|must i)",
            r"unblock me",
        ],
        _WHY_PRESSURE,
        _TRY_PRESSURE,
        unless_before=_FREE_BEFORE,
        unless_after=_CHOICE_AFTER,
    ),
    # --------------------------------------------------------------- guilt
    _rule(
        Kind.GUILT,
        Pattern.REQUEST,
        [
            r"i (?:can't|cannot|couldn't|haven't been able to|can barely|barely|don't|didn't)"
            r" (?:even )?(?:eat|sleep|breathe|function|get out of bed|stop crying|go on|cope"
            r"|concentrate|focus|think straight)",
            r"i (?:can't|cannot|couldn't) (?:work|think|live)(?! out| of| about| that| how)",
            r"i haven't (?:eaten|slept)",
            r"i'm not (?:eating|sleeping|coping|functioning|okay without you)",
            r"(?:i )?hope (?:that|this|it) makes you (?:happy|feel better|proud)",
            r"i(?:'ve| have)? (?:lost|stopped|barely|been (?:crying|sick|ill|a mess|a wreck"
            r"|drinking"
            r"|so low)|cried|not (?:eaten|slept))[^.!?\n]{0,30}? since you",
            r"i (?:haven't|have not|hardly|barely|can't|couldn't|don't|didn't"
            r"|never) [^.!?\n]{1,30}?"
            r" since you (?:left|went|walked|ended|dumped|broke|moved out|ghosted|stopped|blocked)",
            r"while i'm (?:falling apart|a mess|a wreck|alone|crying|dying|suffering|here)",
            r"(?:i )?hope (?:you're|you are|ur) (?:happy|satisfied|proud of yourself|pleased with"
            r" yourself|happy with yourself)(?: with (?:him|her|them|yourself|that|this|your"
            r"(?: new)? \w+|what you(?:'ve)? (?:did|done)))?(?: now| then| together|,? i guess)?"
            r"(?=[^\S\n]*(?:[.!?…]|\n|$))(?![.!…]?\s+(?:you|u)\s+(?:really\s+|truly\s+)?deserve)",
            r"are you happy now",
            r"after (?:everything|all|all that|all this|everything that) (?:i|i've|i have|we've"
            r"|we have) (?:did|done|gave|given|sacrificed|been through|put up with|gave up"
            r"|went through|give|do)",
            r"i gave (?:you|up) (?:everything|the best|my (?:all|life|best|youth|heart|everything)"
            r"|so much|years|all of me)",
            r"i (?:sacrificed|gave up|changed|did|put up with|tried|went through) (?:everything"
            r"|so much|all of this|all that|it all|all this|this|that|a lot|my life) for (?:you"
            r"|us)",
            r"this is what i get",
            r"(?:alone forever|forever alone)",
            r"(?:i'll|i will|i'm going to|i'm gonna|guess i'll|i'll just) (?:just )?(?:be|die"
            r"|end up|stay|grow old) alone",
            r"i guess i(?:'ll| will)? (?:just )?(?:disappear|go away|give up|be alone|die|stop"
            r" existing|not bother|leave you alone then)",
            r"i guess i(?:'m| am)? (?:just )?(?:not|nothing|worthless|unlovable|the problem"
            r"|the bad guy|not enough)",
            r"i guess i (?:don't|didn't|never) (?:matter|mean|count)",
            r"(?:no one|nobody) (?:will|would|could|is going to|'ll) (?:ever )?(?:love|want"
            r"|care about|put up with|choose) me",
            r"i'm nothing without you",
            r"without you i(?:'m| am)? (?:nothing|lost|empty|broken)",
            r"what am i supposed to do without you",
            r"i can't (?:live|go on|be happy|cope|survive|breathe|sleep|function) without you",
            r"do you (?:even )?care (?:that|if|how|about|what)",
            r"do you (?:even )?know how (?:much|hard|bad)",
            r"i hope (?:it|he|she|they|that|this) (?:was|is|'s|were|are) worth it",
            r"hope you can (?:sleep|live with yourself|look at yourself)",
            r"i hope you (?:regret|suffer|feel (?:bad|guilty|terrible|awful|it)|rot)",
            r"look (?:at )?what you(?:'ve| have)? (?:done|did)",
            r"you(?:'ve| have)? (?:broke|broken|destroyed|wrecked|ruined|shattered) me",
            r"you(?:'ve| have)? (?:ruined|destroyed|wrecked) my life",
            r"my life is (?:ruined|over|a mess|falling apart|nothing|hell)",
            r"i (?:cry|cried) (?:myself to sleep|every (?:night|day))",
            r"the (?:kids|children|dog|cat) (?:keep|keeps|miss|misses|ask|asks|cry|cries|won't"
            r" stop)",
            r"you don't (?:even )?care (?:that|if|how|about me)",
        ],
        "Laying your pain at their door asks them to act out of guilt; a request they "
        "cannot refuse without feeling cruel is not free.",
        "Tell someone close how hard it is; to them, say what you wish for without the weight.",
    ),
    _rule(
        Kind.GUILT,
        Pattern.REQUEST,
        [
            r"i don't want to (?:live|be here|exist|wake up|go on)",
            r"i(?:'ll| will| want to|'m going to) (?:kill|hurt|end) myself",
            r"end it all",
            r"no reason to (?:live|go on)",
            r"what's the point (?:of|in) (?:living|anything|going on|life|me)",
            r"i might as well (?:die|disappear|not be here|be dead)",
            r"better off without me",
        ],
        "This sounds like you may be in real pain; a message to them cannot carry it, "
        "and it can land as pressure.",
        "Please talk to someone you trust, or a local crisis line, today. You deserve support now.",
    ),
    # ----------------------------------------------------- crossing a boundary
    _rule(
        Kind.BOUNDARY,
        Pattern.BOUNDARY,
        [
            r"(?:i know|i realise|i realize|i understand|i get (?:it|that)|i'm aware|i know that)"
            r" (?:that )?you(?:'ve|'d| have| had)? (?:said|asked|told me|want|wanted|need|needed"
            r"|don't want|didn't want|blocked|made it clear|begged|asked me|said you|deleted"
            r"|unfollowed|moved on|are done|'re done)[^.!?\n]{0,50}?"
            r"(?<![\w'])(?:but|still|so|anyway|though|yet|however)(?![\w'])",
            r"(?:even though|although|though|despite(?: the fact)?(?: that)?) you(?:'ve|'d| have"
            r"| had)? (?:said|asked|told me|want|wanted|need|needed|don't want|didn't want"
            r"|blocked|made it clear|begged|asked me|said you)[^.!?\n]{0,40}",
        ],
        "They told you what they need. A message that starts by setting it aside asks them "
        "to defend their no again.",
        "Honour what they asked; keep this as an unsent letter, for you.",
        requires=_NO_WORDS,
    ),
    _rule(
        Kind.BOUNDARY,
        Pattern.BOUNDARY,
        [
            r"i know i(?:'m| am) not supposed to (?:text|contact|message|call|write|reach out"
            r"|see|talk)",
            r"i know i shouldn't (?:be )?(?:text|contact|messag|call|writ|reach|talk)\w*",
            r"sorry (?:to|for) (?:message|messaging|text|texting|write|writing|bother|bothering"
            r"|reach|reaching out|contact|contacting|call|calling)(?: you)?(?: out)? again",
            r"(?:texting|messaging|writing|calling|contacting) (?:you )?again (?:even though"
            r"|after|when|although|despite)",
            r"i know you (?:asked|told) me not to",
            r"you asked me not to",
            r"i know you blocked",
            r"(?:since|because|now that) you blocked me",
            r"(?:made|created|got|using) (?:a )?(?:new|different|another|second|fake) (?:account"
            r"|number|profile|phone|email)",
            r"(?:trying|using|from) (?:this|a new|a different|another|my (?:friend|sister"
            r"|brother|mum|mom)'?s?) (?:number|account|phone)",
            r"i know you (?:don't|didn't) want to hear from me",
            r"(?:i know )?i (?:said|promised) (?:i'd|i would|i'll|i will|to|that i'd|that i would)"
            r" (?:stop|not (?:text|message|call|write|contact)|leave you alone|give you space)",
        ],
        "They asked for no contact, or made it clear. Writing anyway, however gently, "
        "tells them their no did not count.",
        "Honour what they asked; keep this as an unsent letter, for you.",
    ),
    _rule(
        Kind.BOUNDARY,
        Pattern.BOUNDARY,
        [
            r"(?:i )?(?:drove|walked|went|came|cycled|passed|was|stood|waited|sat|parked|stopped"
            r"|hung"
            r" around|looked|ran|go|drive|walk|wait|swung)(?: right| round| over| back| again)?"
            r" (?:past|by|outside|near|around|to|at|in front of|across from|down|up to|into)"
            r" (?:your|ur) (?:place|house|flat|apartment|home|work|office|building|street|door"
            r"|window|job|gym|school|parents'?|mum's|mom's|car|new|workplace|uni|college"
            r"|neighbou?rhood|local)",
            r"(?:outside|in front of) (?:your|ur) (?:place|house|flat|apartment|home|work|office"
            r"|building|door|window|job|gym|school|parents'?|workplace)",
            r"(?:i )?(?:saw|seen|noticed|checked|looked at|keep checking|kept checking"
            r"|been checking"
            r"|stalked|scrolled through|watched|see|check|look at|was looking at|looked through"
            r"|looking at|looking through|going through|scrolling through|stalking|checking"
            rf"|went through|found|zoomed in on|screenshotted) (?:all )?(?:of )?(?:your"
            rf"|ur) (?:{_WATCHED})",
            rf"(?:saw|seen|noticed|see) (?:it )?(?:on|in) (?:your )?(?:{_SOCIAL}|story|stories"
            rf"|posts?"
            r"|profile|page|feed|status|photos?|pictures?|pics?)",
            r"i (?:saw|seen|see|spotted|noticed) (?:you|u) (?:with|at|in|on|were|was|kissing"
            r"|holding|out|online|last night|yesterday)",
            r"(?:i noticed|i see|i can see|i saw|i've seen) (?:that )?you(?:'re| are| were"
            r"|'ve been| have been)? (?:online|active|typing|seeing|dating|with someone|out with"
            r"|back on|on (?:tinder|hinge|bumble|the apps))",
            r"you were online",
            r"who(?:'s| is| was| are| were) (?:he|she|that|the guy|the girl|the man|the woman"
            r"|this guy|this girl|him|her|they|them)",
            r"who are you (?:seeing|with|dating|texting|talking to|sleeping with)",
            r"i heard (?:that )?you(?:'re| are| were|'ve been| have been)? (?:seeing|dating|with"
            r" someone|sleeping with|hooking up|back with|moving on|in a relationship|engaged"
            r"|talking to someone)",
            rf"(?:your|ur|our) (?:{_FAMILY})'?s? (?:told me|said"
            rf"|mentioned) (?:that )?(?:where you(?:'\w+)?"
            r"|who you(?:'\w+)?|what you've been|you(?:'ve| have)? been (?:going|seeing|dating|out"
            r"|partying"
            r"|sleeping)|you(?:'re| are) (?:seeing|dating|with|going out))",
            rf"i asked (?:your|ur|our) (?:{_FAMILY}) (?:how|where|about|what|who|if|whether)",
            r"i (?:found|looked up|tracked|checked|got) (?:your|ur) (?:new )?(?:address|number"
            r"|location|work address|schedule)",
            r"i(?:'ve| have)? been (?:following|watching|tracking|checking) (?:you|your)",
        ],
        "Watching their life from a distance, or turning up where they are, crosses the "
        "line they drew; it can frighten them.",
        "Step back from their places and profiles; put what you feel in your journal instead.",
    ),
    # --------------------------------------------------------- triangulation
    _rule(
        Kind.TRIANGULATION,
        Pattern.TRIANGULATION,
        [
            r"even (?:your|ur|my|our) [a-z']+(?: [a-z']+)? (?:thinks?|says?|said|agrees?|agreed"
            r"|knows?|told|feels?|believes?|can see|sees|noticed|reckons?)",
            r"(?:(?:everyone|everybody|people|anyone) (?:we|i|you) know|everyone|everybody"
            r"|all (?:of )?"
            r"(?:my|your|our|ur) (?:friends|family)|(?:my|your"
            r"|our|ur) (?:friends|family) all|all our friends|anyone)(?: all)? (?:thinks?|says?"
            r"|agrees?|knows?|can see|believes?|sees|reckons?|are (?:all )?(?:asking|saying"
            r"|talking|wondering)|is (?:asking|saying|talking))(?! (?:hi|hello|hey|congrat|happy"
            r"|well done|good luck))",
            rf"(?:my|your|ur|our) (?:{_FAMILY})'?s? (?:all )?(?:thinks?|says?|agrees?|feels?"
            r"|believes?|knows?|reckons?)(?: that)? (?:you(?:'?re|'?ve|'?d|'?ll)?|we|your"
            r"|i was right|it was)",
            rf"(?:my|your|ur|our) (?:{_FAMILY})'?s? (?:is|are|was|were) (?:all )?on my side",
            r"(?:took|takes|take) my side|sided with me|agrees? with me",
            r"(?:he's|she's|they're|he is|she is|they are|everyone's"
            r"|everyone is) (?:all )?on my side",
            rf"(?:my|your|ur|our) (?:{_FAMILY})'?s? (?:told me|said|says|tell me) (?:that )?you"
            r" (?:still |secretly |really )?(?:miss|love|want|regret|think|feel|know"
            r"|made a mistake)",
            rf"(?:my|your|our) (?:{_FAMILY}) (?:are|is) (?:all )?(?:asking|saying|talking|wondering"
            r"|on my side)",
            r"ask (?:anyone|anybody|everyone|our friends|your (?:friends|family|sister|brother"
            r"|mum|mom|dad|parents))",
            r"they'll (?:all )?tell you",
        ],
        "Bringing other people's opinions in turns a talk between two into a verdict by many; "
        "it leaves them outnumbered.",
        "Speak only for yourself: what you saw and what you feel.",
    ),
    # --------------------------------------------------------- entitlement
    _rule(
        Kind.ENTITLEMENT,
        Pattern.REQUEST,
        [
            r"you (?:at least |still |really |kind of |literally )?owe (?:me|it to me|it to us|us)",
            r"i deserve (?:an? (?:answer|explanation|reply|response|chance|second chance"
            r"|conversation|apology|proper)|the truth|to know|to be told|to hear|to see|to talk"
            r"|better|more than|another|closure|answers|respect|a say|one more|some)",
            r"i(?:'ve| have)? earned (?:an?|the|this|that|it|some|your|my|one)",
            r"i have (?:a|every|the) right to",
            r"it's my right",
            r"i'm entitled",
            r"the least you (?:can|could) do",
            r"you can't just (?:leave|walk|ignore|cut|end|throw|erase|shut|block|pretend|move on"
            r"|replace|act|disappear|ghost|forget|drop|dump|decide|stop)",
            r"you (?:don't|do not) get to (?:just )?(?:leave|ignore|walk|decide|end|cut|move on"
            r"|pretend|act|say|erase|disappear|ghost|choose|tell|throw)",
        ],
        "This treats their time or their heart as something owed; what is owed cannot be "
        "freely given.",
        "Ask for what you would like, and accept that they may say no.",
    ),
)
